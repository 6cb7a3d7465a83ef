package fr.einvoicing.adoption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering the code keeps, read from the sources: business packages never touch the engine and
 * never import the glue; the glue ({@code process}, {@code campaign.process}, {@code followup.process},
 * and {@code security.engine} for the engine's identity, authorizations and webapps) is the only way in
 * and out of Camunda; packages depend on each other without cycles.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "fr.einvoicing.adoption";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern OWN_IMPORT =
            Pattern.compile("^import (?:static )?(" + Pattern.quote(ROOT) + "[\\w.]*?)\\.[A-Z]", Pattern.MULTILINE);

    private static final Map<String, String> SOURCE_OF_CLASS = new TreeMap<>();
    private static final Map<String, Set<String>> DEPENDENCIES = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as(file + " has a package").isTrue();
                String name = pkg.group(1);
                SOURCE_OF_CLASS.put(name + "." + file.getFileName().toString().replace(".java", ""), text);
                Set<String> deps = DEPENDENCIES.computeIfAbsent(name, n -> new TreeSet<>());
                Matcher imports = OWN_IMPORT.matcher(text);
                while (imports.find()) {
                    if (!imports.group(1).equals(name)) {
                        deps.add(imports.group(1));
                    }
                }
            }
        }
    }

    private static boolean isProcessGlue(String pkg) {
        return pkg.equals(ROOT + ".process") || pkg.endsWith(".process") || pkg.equals(ROOT + ".security.engine");
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    @Test
    void only_the_glue_uses_camunda() {
        List<String> offenders = SOURCE_OF_CLASS.entrySet().stream()
                .filter(e -> !isProcessGlue(packageOf(e.getKey())))
                .filter(e -> e.getValue().contains("org.camunda."))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(offenders)
                .as("classes outside the process glue that use Camunda")
                .isEmpty();
    }

    @Test
    void business_and_web_packages_never_import_the_process_glue() {
        List<String> offenders = new ArrayList<>();
        DEPENDENCIES.forEach((pkg, deps) -> {
            if (!isProcessGlue(pkg)) {
                deps.stream().filter(ArchitectureTest::isProcessGlue).forEach(d -> offenders.add(pkg + " -> " + d));
            }
        });
        assertThat(offenders)
                .as("they reach the engine through the interfaces of their own package")
                .isEmpty();
    }

    @Test
    void packages_depend_on_each_other_without_cycles() {
        List<String> cycles = new ArrayList<>();
        for (String start : DEPENDENCIES.keySet()) {
            // a path back to the start through the dependencies is a cycle
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : DEPENDENCIES.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        cycles.add(String.join(" -> ", path) + " -> " + start);
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void the_rules_read_real_sources() {
        assertThat(DEPENDENCIES).containsKeys(ROOT + ".followup", ROOT + ".followup.process", ROOT + ".web.customer");
        assertThat(DEPENDENCIES.get(ROOT + ".followup.process")).contains(ROOT + ".followup");
        assertThat(SOURCE_OF_CLASS.get(ROOT + ".followup.process.FollowUpDelegates"))
                .contains("org.camunda.");
    }
}
