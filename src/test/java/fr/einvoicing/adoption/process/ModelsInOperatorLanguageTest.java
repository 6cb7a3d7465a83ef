package fr.einvoicing.adoption.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a modeller must keep when changing a task or a form: each user task carries its French name and
 * description, and each form a French twin in {@code forms/fr/} that differs only in its words (same
 * fields, keys, values, validation, conditions, variables and links). Fails naming the task or form.
 */
class ModelsInOperatorLanguageTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Set<String> WORDS = Set.of("text", "label", "description");
    private static final Pattern VARIABLES_AND_LINKS = Pattern.compile("\\{\\{[^}]+}}|\\]\\(([^)]+)\\)");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_process_and_user_task_has_its_french_name_and_description() throws Exception {
        List<String> problems = new ArrayList<>();
        int tasks = 0;
        for (Path model : files(Path.of("bpmn"), ".bpmn")) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var document = factory.newDocumentBuilder().parse(model.toFile());
            String processName = property(
                    (Element) document.getElementsByTagNameNS(BPMN, "process").item(0), "name.fr");
            if (processName == null || processName.isBlank()) {
                problems.add(model.getFileName() + ": the process has no extension property name.fr");
            }
            NodeList userTasks = document.getElementsByTagNameNS(BPMN, "userTask");
            for (int i = 0; i < userTasks.getLength(); i++) {
                tasks++;
                Element task = (Element) userTasks.item(i);
                String where = model.getFileName() + " " + task.getAttribute("id");
                String frenchName = property(task, "name.fr");
                if (frenchName == null || frenchName.isBlank()) {
                    problems.add(where + ": no extension property name.fr");
                } else if (frenchName.equals(task.getAttribute("name"))) {
                    problems.add(where + ": name.fr is the English name");
                }
                boolean documented =
                        task.getElementsByTagNameNS(BPMN, "documentation").getLength() > 0;
                String frenchDoc = property(task, "documentation.fr");
                if (documented && (frenchDoc == null || frenchDoc.isBlank())) {
                    problems.add(where + ": documented, but no extension property documentation.fr");
                }
            }
        }
        assertThat(tasks).isGreaterThanOrEqualTo(11);
        assertThat(problems).isEmpty();
    }

    @Test
    void every_form_has_a_french_twin_that_differs_only_in_its_words() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> english = files(Path.of("forms"), ".form");
        assertThat(english).hasSizeGreaterThanOrEqualTo(11);
        for (Path form : english) {
            Path twin = Path.of("forms", "fr", form.getFileName().toString());
            if (!Files.exists(twin)) {
                problems.add(form + ": no French twin " + twin);
                continue;
            }
            JsonNode en = json.readTree(form.toFile());
            JsonNode fr = json.readTree(twin.toFile());
            if (!fr.path("id").asText().equals(en.path("id").asText() + "-fr")) {
                problems.add(twin + ": its id must be " + en.path("id").asText() + "-fr");
            }
            if (!withoutWords(en.path("components")).equals(withoutWords(fr.path("components")))) {
                problems.add(twin + ": fields, keys, values, validation or conditions differ from " + form);
            }
            if (!variablesAndLinks(en).equals(variablesAndLinks(fr))) {
                problems.add(twin + ": variables or links differ from " + form + ": " + variablesAndLinks(en) + " vs "
                        + variablesAndLinks(fr));
            }
            words(fr, problems, twin.toString());
        }
        for (Path twin : files(Path.of("forms", "fr"), ".form")) {
            if (!Files.exists(Path.of("forms", twin.getFileName().toString()))) {
                problems.add(twin + ": a French form without its English original");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** An extension property of the element itself (not of the elements inside it). */
    private static String property(Element element, String name) {
        for (var child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element extensions && "extensionElements".equals(extensions.getLocalName())) {
                NodeList properties = extensions.getElementsByTagNameNS(CAMUNDA, "property");
                for (int i = 0; i < properties.getLength(); i++) {
                    Element property = (Element) properties.item(i);
                    if (name.equals(property.getAttribute("name"))) {
                        return property.getAttribute("value");
                    }
                }
            }
        }
        return null;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The form with every word taken out: what must be the same in both languages. */
    private JsonNode withoutWords(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            WORDS.forEach(object::remove);
        }
        node.forEach(ModelsInOperatorLanguageTest::strip);
    }

    private static Set<String> variablesAndLinks(JsonNode form) {
        Set<String> found = new TreeSet<>();
        form.findValues("text").forEach(text -> {
            Matcher m = VARIABLES_AND_LINKS.matcher(text.asText());
            while (m.find()) {
                found.add(m.group());
            }
        });
        return found;
    }

    private static void words(JsonNode node, List<String> problems, String where) {
        if (node instanceof ObjectNode object) {
            for (String word : WORDS) {
                if (object.has(word) && object.get(word).asText().isBlank()) {
                    problems.add(where + ": an empty " + word + " in "
                            + object.path("id").asText(object.path("value").asText()));
                }
            }
        }
        node.forEach(child -> words(child, problems, where));
    }
}
