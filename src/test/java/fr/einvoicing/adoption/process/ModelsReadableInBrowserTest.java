package fr.einvoicing.adoption.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.RealBrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every model as a modeller and an operator see it: rendered by bpmn-js (the one inside Cockpit) in a
 * real headless Chromium, each diagram and each collapsed sub-process's own diagram written to
 * {@code target/model-renders/} as a PNG. Each diagram fits one screen at 100 %, no two shapes or labels
 * overlap, and each task's name fits in its shape without running over its markers (all measured on what
 * the browser drew).
 */
class ModelsReadableInBrowserTest extends EngineTestSupport {

    /** A diagram read at 100 % on a 1920 × 1080 screen, beside Camunda Modeler's panels. */
    static final int MAX_WIDTH = 1600;

    static final int MAX_HEIGHT = 850;

    static final List<String> PROCESSES =
            List.of("adoption-campaign", "customer-adoption", "customer-follow-ups", "late-answer-review");

    private static final Path RENDERS = Path.of("target/model-renders");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads, for each diagram of the model (the process and each collapsed sub-process), what bpmn-js drew:
     * the box of every shape and label at 100 %, its owner for labels, its container and its host for
     * boundary events.
     */
    private static final String MEASURE =
            """
            const el = document.querySelector('[cam-widget-bpmn-viewer]');
            const scope = el && angular.element(el).isolateScope();
            const viewer = scope && scope.control && scope.control.getViewer && scope.control.getViewer();
            if (!viewer || !viewer.get('elementRegistry').getAll().length) return null;
            const canvas = viewer.get('canvas'), registry = viewer.get('elementRegistry');
            const planes = [];
            for (const root of canvas.getRootElements()) {
              canvas.setRootElement(root);
              const scale = canvas.zoom();
              const items = [];
              registry.forEach(e => {
                if (e === root || e.waypoints || canvas.findRoot(e) !== root) return;
                const visual = registry.getGraphics(e).querySelector('.djs-visual');
                const r = visual.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return;
                const box = el => {
                  if (!el) return null;
                  const b = el.getBoundingClientRect();
                  return b.width === 0 ? null : { x: b.x / scale, y: b.y / scale, w: b.width / scale, h: b.height / scale };
                };
                const name = e.type === 'label' ? null : box(visual.querySelector('text'));
                const markers = Array.from(visual.querySelectorAll('[data-marker]')).map(box).filter(b => b);
                const ancestors = [];
                for (let p = e.parent; p && p !== root; p = p.parent) ancestors.push(p.id);
                items.push({
                  id: e.id, label: e.type === 'label', owner: e.labelTarget ? e.labelTarget.id : null,
                  host: e.host ? e.host.id : null, ancestors: ancestors,
                  x: r.x / scale, y: r.y / scale, w: r.width / scale, h: r.height / scale,
                  mw: e.width, mh: e.height,
                  name: name, markers: markers,
                  text: (visual.textContent || '').trim()
                });
              });
              planes.push({ id: root.id, items: items });
            }
            canvas.setRootElement(canvas.getRootElements()[0]);
            return JSON.stringify(planes);
            """;

    @Autowired
    RepositoryService repository;

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void every_diagram_fits_one_screen_and_nothing_overlaps() throws Exception {
        browser = RealBrowser.start();
        browser.manage().window().setSize(new Dimension(1920, 1080));
        logIn("marc");
        Files.createDirectories(RENDERS);
        List<String> problems = new ArrayList<>();
        for (String key : PROCESSES) {
            String definition = repository
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(key)
                    .latestVersion()
                    .singleResult()
                    .getId();
            browser.get(baseUrl() + "/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime");
            String measured = await(key + " drawn in Cockpit")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> (String) js(MEASURE), json -> json != null);
            for (JsonNode plane : JSON.readTree(measured)) {
                String diagram = key
                        + (plane.get("id").asText().equals(key)
                                ? ""
                                : " › " + plane.get("id").asText());
                render(key, plane.get("id").asText());
                problems.addAll(problemsOf(diagram, plane.get("items")));
            }
        }
        assertThat(problems)
                .as("what keeps a diagram from being read (renders in " + RENDERS + ")")
                .isEmpty();
    }

    /** Too large for one screen, or two things drawn over each other. */
    static List<String> problemsOf(String diagram, JsonNode items) {
        List<String> problems = new ArrayList<>();
        double left = Double.MAX_VALUE, top = Double.MAX_VALUE, right = -Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
        for (JsonNode item : items) {
            left = Math.min(left, item.get("x").asDouble());
            top = Math.min(top, item.get("y").asDouble());
            right = Math.max(right, item.get("x").asDouble() + item.get("w").asDouble());
            bottom = Math.max(bottom, item.get("y").asDouble() + item.get("h").asDouble());
        }
        if (right - left > MAX_WIDTH || bottom - top > MAX_HEIGHT) {
            problems.add("%s: %.0f × %.0f px at 100 %%, more than one screen (%d × %d)"
                    .formatted(diagram, right - left, bottom - top, MAX_WIDTH, MAX_HEIGHT));
        }
        for (JsonNode item : items) {
            JsonNode name = item.get("name");
            if (name == null || name.isNull()) {
                continue;
            }
            if (name.get("w").asDouble() > item.get("mw").asDouble() + 2
                    || name.get("h").asDouble() > item.get("mh").asDouble() + 2) {
                problems.add("%s: the name of %s does not fit in its shape"
                        .formatted(diagram, item.get("id").asText()));
            }
            for (JsonNode marker : item.get("markers")) {
                if (intersect(name, marker)) {
                    problems.add("%s: the name of %s runs over its marker"
                            .formatted(diagram, item.get("id").asText()));
                }
            }
        }
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                JsonNode a = items.get(i), b = items.get(j);
                if (meantToOverlap(a, b) || meantToOverlap(b, a)) {
                    continue;
                }
                if (intersect(a, b)) {
                    problems.add("%s: %s and %s overlap".formatted(diagram, describe(a), describe(b)));
                }
            }
        }
        return problems;
    }

    /** Whether two boxes share more than a 2 px sliver. */
    private static boolean intersect(JsonNode a, JsonNode b) {
        double width = Math.min(right(a), right(b)) - Math.max(x(a), x(b));
        double height = Math.min(bottom(a), bottom(b)) - Math.max(y(a), y(b));
        return width > 2 && height > 2;
    }

    /** A shape inside its expanded container, or a boundary event on the task it is attached to. */
    private static boolean meantToOverlap(JsonNode a, JsonNode b) {
        if (a.get("label").asBoolean()) {
            return false;
        }
        for (JsonNode ancestor : b.get("ancestors")) {
            if (ancestor.asText().equals(a.get("id").asText())) {
                return !b.get("label").asBoolean()
                        || !b.get("owner").asText().equals(a.get("id").asText());
            }
        }
        return b.get("host").asText().equals(a.get("id").asText());
    }

    private static String describe(JsonNode item) {
        return item.get("label").asBoolean()
                ? "the label '" + item.get("text").asText() + "' of "
                        + item.get("owner").asText()
                : item.get("id").asText();
    }

    private static double x(JsonNode item) {
        return item.get("x").asDouble();
    }

    private static double y(JsonNode item) {
        return item.get("y").asDouble();
    }

    private static double right(JsonNode item) {
        return x(item) + item.get("w").asDouble();
    }

    private static double bottom(JsonNode item) {
        return y(item) + item.get("h").asDouble();
    }

    /** The diagram, fitted to the window, as a PNG a person can look at. */
    private void render(String key, String plane) throws Exception {
        js(
                """
                const el = document.querySelector('[cam-widget-bpmn-viewer]');
                const viewer = angular.element(el).isolateScope().control.getViewer();
                const canvas = viewer.get('canvas');
                canvas.setRootElement(canvas.getRootElements().find(r => r.id === '%s'));
                canvas.zoom('fit-viewport', 'auto');
                """
                        .formatted(plane));
        byte[] png =
                browser.findElement(By.cssSelector("[cam-widget-bpmn-viewer]")).getScreenshotAs(OutputType.BYTES);
        Files.write(RENDERS.resolve(plane.equals(key) ? key + ".png" : key + "__" + plane + ".png"), png);
        assertThat(png.length).as("the render of " + plane).isGreaterThan(1000);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void logIn(String user) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await("logged in as " + user)
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> !browser.getCurrentUrl().contains("/login"));
    }
}
