package fr.einvoicing.adoption.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The technical plumbing stays behind the element templates: every task that calls an outside service
 * through Camunda Connect or sends a customer e-mail has its template applied (Camunda Modeler then shows
 * its business fields, not the connector's parameters), and carries what the template fixes.
 */
class ElementTemplatesAppliedTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    @Test
    void every_connector_call_and_customer_mail_is_drawn_from_its_template() throws Exception {
        Map<String, JsonNode> templates = new HashMap<>();
        for (JsonNode template : new ObjectMapper()
                .readTree(Path.of(".camunda/element-templates/einvoicing-adoption.json")
                        .toFile())) {
            templates.put(template.get("id").asText(), template);
        }
        List<String> problems = new ArrayList<>();
        int applied = 0;
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model :
                    models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                NodeList tasks =
                        factory.newDocumentBuilder().parse(model.toFile()).getElementsByTagNameNS(BPMN, "serviceTask");
                for (int i = 0; i < tasks.getLength(); i++) {
                    Element task = (Element) tasks.item(i);
                    String where = model.getFileName() + " " + task.getAttribute("id");
                    String templateId = task.getAttributeNS(CAMUNDA, "modelerTemplate");
                    boolean plumbing =
                            task.getElementsByTagNameNS(CAMUNDA, "connector").getLength() > 0
                                    || task.getAttributeNS(CAMUNDA, "delegateExpression")
                                            .equals("${sendFollowUpMail}");
                    if (templateId.isEmpty()) {
                        if (plumbing) {
                            problems.add(where + " calls a connector or sends a customer mail without its template");
                        }
                        continue;
                    }
                    JsonNode template = templates.get(templateId);
                    if (template == null) {
                        problems.add(where + " names an unknown template " + templateId);
                        continue;
                    }
                    applied++;
                    if (!task.getAttributeNS(CAMUNDA, "modelerTemplateVersion")
                            .equals(template.get("version").asText())) {
                        problems.add(where + " is drawn from another version of " + templateId);
                    }
                    for (JsonNode property : template.path("properties")) {
                        check(where, task, property, problems);
                    }
                    for (JsonNode scope : template.path("scopes")) {
                        Element connector = first(task, "connector");
                        if (connector == null) {
                            problems.add(where + " lacks the template's connector");
                            continue;
                        }
                        for (JsonNode property : scope.path("properties")) {
                            check(where, connector, property, problems);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(applied).as("tasks drawn from a template").isGreaterThanOrEqualTo(8);
    }

    /** The element holds what the template property binds, with the template's value when it is fixed. */
    private static void check(String where, Element element, JsonNode property, List<String> problems) {
        JsonNode binding = property.get("binding");
        boolean fixed = property.path("type").asText().equals("Hidden");
        String expected = property.path("value").asText();
        String actual =
                switch (binding.get("type").asText()) {
                    case "property" -> {
                        String name = binding.get("name").asText();
                        yield name.equals("connectorId")
                                ? text(first(element, "connectorId"))
                                : element.getAttributeNS(CAMUNDA, name.replace("camunda:", ""));
                    }
                    case "camunda:inputParameter" -> parameter(element, "inputParameter", "name", binding);
                    case "camunda:outputParameter" -> {
                        // the template gives the source; the value is the variable it goes into
                        Element output =
                                parameterNamed(element, binding.get("source").asText());
                        yield output == null ? "" : output.getAttribute("name");
                    }
                    default -> null;
                };
        if (actual == null || actual.isEmpty()) {
            problems.add(where + " lacks " + binding);
        } else if (fixed && !actual.equals(expected)) {
            problems.add(where + " has " + actual + " where its template fixes " + expected + " (" + binding + ")");
        }
    }

    private static String parameter(Element element, String kind, String attribute, JsonNode binding) {
        NodeList parameters = element.getElementsByTagNameNS(CAMUNDA, kind);
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            Node owner = parameter.getParentNode().getParentNode();
            boolean own = owner == element
                    || ("extensionElements".equals(owner.getLocalName()) && owner.getParentNode() == element);
            if (parameter.getAttribute(attribute).equals(binding.get("name").asText()) && own) {
                return parameter.getTextContent().trim();
            }
        }
        return null;
    }

    private static Element parameterNamed(Element element, String source) {
        NodeList parameters = element.getElementsByTagNameNS(CAMUNDA, "outputParameter");
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            if (parameter.getTextContent().trim().equals(source)) {
                return parameter;
            }
        }
        return null;
    }

    private static Element first(Element element, String camundaName) {
        NodeList found = element.getElementsByTagNameNS(CAMUNDA, camundaName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().trim();
    }
}
