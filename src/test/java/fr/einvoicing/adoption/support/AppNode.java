package fr.einvoicing.adoption.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The application as operations run it: a JVM of its own (postgres profile) on a shared PostgreSQL,
 * which a test can kill like {@code kill -9} ({@link #kill()}) or stop like SIGTERM ({@link #stop()}).
 * Several nodes on one database form a Camunda cluster. Each node's output goes to
 * {@code target/nodes/<name>.log}, for reading after a failure.
 */
public final class AppNode implements AutoCloseable {

    public static final String ADMIN = "operator";
    /** Generated for the run: the postgres profile has no default password. */
    public static final String ADMIN_PASSWORD = "Run-" + java.util.UUID.randomUUID();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private AppNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node and waits until it answers HTTP.
     *
     * @param settings more application settings (Spring property names), on top of the cluster's own
     */
    public static AppNode start(String name, String jdbcUrl, Map<String, String> settings) {
        int port = FreePorts.next();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.profiles.active", "postgres");
        all.put("spring.datasource.url", jdbcUrl);
        all.put("spring.datasource.username", "postgres");
        all.put("spring.datasource.password", "postgres");
        all.put("spring.mail.host", "127.0.0.1");
        all.put("spring.mail.port", String.valueOf(TestMailServer.port()));
        all.put("server.port", String.valueOf(port));
        all.put("campaign.public-base-url", "http://localhost:" + port);
        all.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // each collection, with the heap before and after it: what the node really keeps (GcLog)
        command.add("-Xlog:gc:file=" + gcLog(name));
        command.add("-cp");
        command.add(applicationClasspath());
        command.add("fr.einvoicing.adoption.AdoptionApplication");
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "nodes", name + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("CAMPAIGN_ADMIN_USERNAME", ADMIN);
            builder.environment().put("CAMPAIGN_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("CAMPAIGN_SECURE_COOKIES", "false");
            AppNode node = new AppNode(name, port, builder.start(), log);
            node.awaitReady(Duration.ofSeconds(180));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's garbage-collection log. */
    public static Path gcLog(String name) {
        return Path.of("target", "nodes", name + "-gc.log");
    }

    public Path gcLog() {
        return gcLog(name);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String name() {
        return name;
    }

    /** The node's operating-system process, for what only the system knows of it (its resident memory). */
    public long pid() {
        return process.pid();
    }

    /** What the node printed so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StaffClient staff(String user, String password) {
        return new StaffClient(baseUrl(), user, password);
    }

    /** As {@code kill -9}: the JVM stops at once, in the middle of whatever it does. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** As SIGTERM: the application shuts down gracefully. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Node " + name + " exited during start-up (exit code "
                            + process.exitValue() + "); see " + log);
                }
                return healthy(http);
            });
        } catch (ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException("Node " + name + " did not start within " + timeout + "; see " + log);
        }
    }

    private boolean healthy(HttpClient http) throws InterruptedException {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /**
     * The application's classes and libraries, without the test classes (whose configurations would
     * change the application). Surefire may hand the test JVM a single jar whose manifest lists them.
     */
    static String applicationClasspath() {
        return String.join(
                File.pathSeparator,
                classpathEntries().stream()
                        .filter(e ->
                                !e.endsWith("test-classes") && !e.endsWith("test-classes/") && !e.contains("surefire"))
                        .toList());
    }

    /** The test JVM's classes and libraries, test classes included, for a helper run in a JVM of its own. */
    public static String testClasspath() {
        return String.join(
                File.pathSeparator,
                classpathEntries().stream().filter(e -> !e.contains("surefire")).toList());
    }

    private static List<String> classpathEntries() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("surefire")) {
                entries.addAll(manifestClasspath(Path.of(entry)));
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> manifestClasspath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of(jar.toString());
            }
            List<String> entries = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                entries.add(Path.of(URI.create(
                                url.startsWith("file:")
                                        ? url
                                        : jar.getParent().toUri().resolve(url).toString()))
                        .toString());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
