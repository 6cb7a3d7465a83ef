package fr.einvoicing.adoption.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's Prometheus (package prometheus), scraping one application node with the metrics account, as
 * {@code ops/prometheus/prometheus.yml} does in docker compose, every two seconds. CI installs it and sets
 * {@code -Dprometheus.tests=required}, so a missing binary fails there; elsewhere {@link #available()}
 * says so and the tests that need it are skipped.
 */
public final class RealPrometheus implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final String INSTALL = "The dashboard test needs Debian's Prometheus (apt-get install -y prometheus)";

    private final Process process;
    private final Path directory;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RealPrometheus(Process process, Path directory, String base) {
        this.process = process;
        this.directory = directory;
        this.base = base;
    }

    public static boolean available() {
        boolean present = Files.isExecutable(BINARY);
        if (!present && "required".equals(System.getProperty("prometheus.tests"))) {
            throw new IllegalStateException(INSTALL);
        }
        return present;
    }

    /** Starts Prometheus scraping {@code target} (host:port) with the given account; waits until it is ready. */
    public static RealPrometheus scraping(String target, String username, String password) throws IOException {
        Path directory = Files.createTempDirectory("prometheus");
        Path secret = Files.writeString(directory.resolve("metrics-password"), password);
        Path config = Files.writeString(
                directory.resolve("prometheus.yml"),
                """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 2s
                scrape_configs:
                  - job_name: einvoicing-adoption
                    metrics_path: /actuator/prometheus
                    basic_auth:
                      username: %s
                      password_file: %s
                    static_configs:
                      - targets: ["%s"]
                """
                        .formatted(username, secret, target));
        int port = FreePorts.next();
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        RealPrometheus prometheus = new RealPrometheus(process, directory, "http://127.0.0.1:" + port);
        Awaitility.await("Prometheus ready")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> prometheus.get("/-/ready").statusCode() == 200);
        return prometheus;
    }

    /** An instant query: the API's answer ({@code status}, {@code data.result}, or {@code error}). */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return json.readTree(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .body());
    }

    /** Whether the last scrape of the application succeeded. */
    public boolean scrapesUp() throws IOException, InterruptedException {
        JsonNode result = query("up{job=\"einvoicing-adoption\"}").at("/data/result");
        return result.size() == 1 && "1".equals(result.get(0).at("/value/1").asText());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
