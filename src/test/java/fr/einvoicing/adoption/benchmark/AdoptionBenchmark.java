package fr.einvoicing.adoption.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import fr.einvoicing.adoption.benchmark.bare.BareEngineRun;
import fr.einvoicing.adoption.support.AppNode;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.NodeCampaigns;
import fr.einvoicing.adoption.support.OutsideServicesStub;
import fr.einvoicing.adoption.support.SmtpSink;
import fr.einvoicing.adoption.support.StaffClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The benchmark ({@code ./mvnw -B test -Pbenchmark}, not part of the test suite): the product against
 * the bare Camunda engine ({@link BareEngineRun}) on one real PostgreSQL, in the same run, alternating
 * bare, product, bare. The product runs as operations run it (a JVM of its own, postgres profile, the
 * job executor on, default settings) and is driven through its real interfaces only: the campaign
 * created over the API with its CSV, approved in Tasklist's REST API by a second manager, letters
 * accepted by a real SMTP server, answers posted on the response page by 4 clients, the deadline passing
 * on the journeys' BPMN timers. It prints the table of ratios and writes it as CSV and as a chart in
 * {@code target/benchmark/}.
 */
@Tag("benchmark")
class AdoptionBenchmark {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Path OUT = Path.of("target", "benchmark");

    private final int customers = Integer.getInteger("benchmark.customers", 10_000);
    private final int clients = Integer.getInteger("benchmark.clients", 4);

    @Test
    void the_product_against_the_bare_engine() throws Exception {
        Files.createDirectories(OUT);
        EmbeddedPostgres.get();
        System.out.printf(
                "%nBenchmark: %d customers, %d answering clients, %d cores%n",
                customers, clients, Runtime.getRuntime().availableProcessors());
        Properties bareBefore = bare(1);
        Properties product = product();
        Properties bareAfter = bare(2);
        BenchmarkReport report = new BenchmarkReport(customers, product, List.of(bareBefore, bareAfter));
        report.print(System.out);
        report.writeCsv(OUT.resolve("benchmark.csv"));
        report.writeChart(OUT.resolve("benchmark.html"));
        System.out.println("Written: " + OUT.resolve("benchmark.csv") + ", " + OUT.resolve("benchmark.html"));
    }

    /** One run of the bare engine in a JVM of its own, on a database of its own on the same server. */
    private Properties bare(int round) throws Exception {
        String jdbcUrl =
                EmbeddedPostgres.createDatabase("bench_bare_" + round + "_" + System.currentTimeMillis() % 100000);
        Path result = OUT.resolve("bare-" + round + ".properties");
        Path log = OUT.resolve("bare-" + round + ".log");
        Path gcLog = OUT.resolve("bare-" + round + "-gc.log");
        Files.deleteIfExists(gcLog);
        System.out.printf("bare engine, run %d ...%n", round);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-Xlog:gc:file=" + gcLog,
                        "-cp",
                        AppNode.testClasspath(),
                        BareEngineRun.class.getName(),
                        jdbcUrl,
                        String.valueOf(customers),
                        String.valueOf(clients),
                        result.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The bare engine run failed; see " + log);
        }
        Properties figures = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            figures.load(in);
        }
        figures.setProperty("heapAfterCollectionBytes", String.valueOf(GcLog.highestAfterCollection(gcLog)));
        System.out.printf("bare engine, run %d: %s%n", round, figures);
        return figures;
    }

    private Properties product() throws Exception {
        Properties figures = new Properties();
        String jdbcUrl = EmbeddedPostgres.createDatabase("bench_product_" + System.currentTimeMillis() % 100000);
        String metricsUser = "benchmetrics";
        String metricsPassword = "Metrics-" + java.util.UUID.randomUUID();
        System.out.println("product ...");
        WireMockServer outside = OutsideServicesStub.start();
        try (SmtpSink smtp = new SmtpSink();
                AppNode node = AppNode.start(
                        "bench", jdbcUrl, nodeSettings(smtp.port(), outside.baseUrl(), metricsUser, metricsPassword));
                HeapPoller heap = new HeapPoller(node.baseUrl(), metricsUser, metricsPassword)) {
            StaffClient operator = node.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
            NodeCampaigns.addApprover(operator);
            long bytesBefore = NodeCampaigns.count(jdbcUrl, "select pg_database_size(current_database())");

            // the deadline must pass once the letters are out and the answers in: placed from expected speeds
            double launchRate = Double.parseDouble(System.getProperty("benchmark.expected-launch-rate", "30"));
            double answerRate = Double.parseDouble(System.getProperty("benchmark.expected-answer-rate", "35"));
            int answered = customers / 2;
            LocalDateTime deadline = LocalDateTime.now(PARIS)
                    .plusSeconds(
                            60 + customers / 5_000 + (long) (customers / launchRate) + (long) (answered / answerRate))
                    .withNano(0);
            Instant deadlineInstant = deadline.atZone(PARIS).toInstant();
            String code = "BENCH-" + System.currentTimeMillis() % 100000;
            String domain = code.toLowerCase() + ".example";
            Map<String, Object> settings = NodeCampaigns.settings(code, deadline);
            settings.put("lettersPerHour", 1_000_000);

            Instant importStart = Instant.now();
            String campaignProcess =
                    NodeCampaigns.create(operator, settings, NodeCampaigns.customers(customers, domain), customers);
            figures.setProperty("importRowsPerSecond", rate(customers, importStart, Instant.now()));

            NodeCampaigns.approve(node.staff(NodeCampaigns.APPROVER, NodeCampaigns.APPROVER_PASSWORD), campaignProcess);
            Instant approved = Instant.now();
            System.out.printf(
                    "  approved; deadline %s (in %d s)%n",
                    deadline, Duration.between(approved, deadlineInstant).toSeconds());
            await().atMost(Duration.between(Instant.now(), deadlineInstant).plusMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> smtp.letterCount() >= customers);
            Instant lastLetter = smtp.letters().values().stream()
                    .map(SmtpSink.Letter::acceptedAt)
                    .max(Instant::compareTo)
                    .orElseThrow();
            figures.setProperty("launchPerSecond", rate(customers, approved, lastLetter));
            figures.setProperty("smtpSessions", String.valueOf(smtp.sessions()));
            System.out.printf(
                    "  %d letters at the SMTP server in %d s%n",
                    customers, Duration.between(approved, lastLetter).toSeconds());

            Instant answering = Instant.now();
            answer(smtp, domain, answered);
            long explicit = awaitCount(jdbcUrl, "ACCEPTED_EXPLICITLY", answered, deadlineInstant.plusSeconds(60));
            Instant lastAnswer = instant(jdbcUrl, "max", "CONSENT_EXPLICIT");
            figures.setProperty("answersPerSecond", rate(explicit, answering, lastAnswer));
            if (!lastAnswer.isBefore(deadlineInstant)) {
                throw new IllegalStateException("The deadline passed before every answer was in: run again with a lower"
                        + " -Dbenchmark.expected-launch-rate or -Dbenchmark.expected-answer-rate");
            }
            System.out.printf(
                    "  %d answers in %d s; waiting for the deadline (%d s)%n",
                    explicit,
                    Duration.between(answering, lastAnswer).toSeconds(),
                    Duration.between(Instant.now(), deadlineInstant).toSeconds());

            int silent = customers - answered;
            long tacit = awaitCount(
                    jdbcUrl, "ACCEPTED_TACITLY", silent, deadlineInstant.plus(Duration.ofSeconds(60 + silent / 5)));
            Instant firstTacit = instant(jdbcUrl, "min", "CONSENT_TACIT");
            Instant lastTacit = instant(jdbcUrl, "max", "CONSENT_TACIT");
            figures.setProperty("timersPerSecond", rate(tacit, deadlineInstant, lastTacit));
            figures.setProperty(
                    "firstTimerDelayMillis",
                    String.valueOf(Duration.between(deadlineInstant, firstTacit).toMillis()));
            assertThat(tacit).as("tacit acceptances").isEqualTo(silent);

            try (var connection = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    var statement = connection.createStatement()) {
                statement.execute("analyze");
            }
            figures.setProperty(
                    "databaseBytes",
                    String.valueOf(
                            NodeCampaigns.count(jdbcUrl, "select pg_database_size(current_database())") - bytesBefore));
            figures.setProperty(
                    "databaseRows",
                    String.valueOf(NodeCampaigns.count(
                            jdbcUrl, "select coalesce(sum(n_live_tup), 0) from pg_stat_user_tables")));
            System.out.println("  largest tables (KB per customer, rows per customer):");
            NodeCampaigns.rows(
                            jdbcUrl,
                            "select relname, pg_total_relation_size(relid), n_live_tup from pg_stat_user_tables"
                                    + " order by 2 desc limit 10")
                    .forEach(row -> System.out.printf(
                            java.util.Locale.ROOT,
                            "    %-28s %8.1f KB %8.1f%n",
                            row.get(0),
                            Long.parseLong(row.get(1)) / 1024.0 / customers,
                            Long.parseLong(row.get(2)) / (double) customers));
            historyBreakdown(jdbcUrl);
            figures.setProperty("peakHeapBytes", String.valueOf(heap.peak()));
            figures.setProperty("heapAfterCollectionBytes", String.valueOf(GcLog.highestAfterCollection(node.gcLog())));
            figures.setProperty("peakRssBytes", String.valueOf(BareEngineRun.peakRss(String.valueOf(node.pid()))));
            figures.setProperty("customers", String.valueOf(customers));
        } finally {
            outside.stop();
        }
        System.out.printf("product: %s%n", figures);
        return figures;
    }

    /** What the engine's history holds per customer, by kind: where a database lever would act. */
    private void historyBreakdown(String jdbcUrl) {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put(
                "activity instances by type",
                "select act_type_, count(*) from act_hi_actinst group by 1 order by 2 desc limit 8");
        queries.put(
                "variables by name", "select name_, count(*) from act_hi_varinst group by 1 order by 2 desc limit 12");
        queries.put(
                "variable updates (act_hi_detail) by name",
                "select name_, count(*) from act_hi_detail group by 1 order by 2 desc limit 8");
        queries.put(
                "job log by kind",
                "select case when job_state_ = 0 then 'created' when job_state_ = 1 then 'failed'"
                        + " when job_state_ = 2 then 'successful' else 'deleted' end, count(*)"
                        + " from act_hi_job_log group by 1 order by 2 desc");
        queries.put(
                "running variables by name",
                "select name_, count(*) from act_ru_variable group by 1 order by 2 desc limit 8");
        queries.forEach((title, sql) -> {
            System.out.println("  " + title + " (per customer):");
            NodeCampaigns.counts(jdbcUrl, sql)
                    .forEach((key, count) -> System.out.printf(
                            java.util.Locale.ROOT, "    %-40s %8.2f%n", key, count / (double) customers));
        });
    }

    /**
     * The defaults, but for what a deadline minutes away needs and what one machine playing every customer
     * needs; our company's details, which a deployment must give.
     */
    private static Map<String, String> nodeSettings(
            int smtpPort, String outsideUrl, String metricsUser, String metricsPassword) {
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("spring.mail.port", String.valueOf(smtpPort));
        // the follow-ups (on by default) call the registry, at its default 7 requests a second, and the platform
        settings.put("campaign.registry.base-url", outsideUrl + "/registry");
        settings.put("campaign.platform.base-url", outsideUrl + "/platform");
        settings.put("campaign.platform.token", "benchmark-platform-token");
        // a letter out 5 s before the deadline still leaves time to answer
        settings.put("campaign.response.minimum-answer-time", "PT5S");
        // the answering clients all come from one address
        settings.put("campaign.response.requests-per-minute-per-address", "100000000");
        settings.put("campaign.security.metrics.username", metricsUser);
        settings.put("campaign.security.metrics.password", metricsPassword);
        settings.put("campaign.supplier.legal-name", "Atelier Dupont Distribution SAS");
        settings.put("campaign.supplier.siren", "732829320");
        settings.put("campaign.supplier.address", "12 rue des Tanneurs, 69002 Lyon");
        settings.put("logging.level.fr.einvoicing.adoption.mail.SendOnce", "WARN");
        // -Dbenchmark.setting.<property>=<value>: a lever tried on the product without changing its defaults
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("benchmark.setting."))
                .forEach(name -> settings.put(name.substring("benchmark.setting.".length()), System.getProperty(name)));
        return settings;
    }

    /** Every even customer accepts on the response page, {@link #clients} browsers at once. */
    private void answer(SmtpSink smtp, String domain, int answered) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                running.add(pool.submit(() -> {
                    Browserless browser = new Browserless();
                    for (int i = next.getAndIncrement(); i < answered; i = next.getAndIncrement()) {
                        int customer = 2 * (i + 1);
                        String link = smtp.letters()
                                .get("k" + customer + "@" + domain)
                                .link();
                        var page = browser.answer(
                                link,
                                Map.of(
                                        "decision", "ACCEPT",
                                        "siren", NodeCampaigns.siren(customer),
                                        "invoicingContactName", "Julie Martin"));
                        if (page.status() != 302) {
                            throw new IllegalStateException("answer of customer " + customer + ": " + page.status());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long awaitCount(String jdbcUrl, String status, long expected, Instant until) {
        String sql = "select count(*) from campaign_customer where status = '" + status + "'";
        await().atMost(Duration.between(Instant.now(), until).plusSeconds(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> NodeCampaigns.count(jdbcUrl, sql) >= expected);
        return NodeCampaigns.count(jdbcUrl, sql);
    }

    private static Instant instant(String jdbcUrl, String aggregate, String evidenceType) {
        long millis = NodeCampaigns.count(
                jdbcUrl,
                "select (extract(epoch from " + aggregate + "(occurred_at)) * 1000)::bigint from evidence_entry"
                        + " where type = '" + evidenceType + "'");
        return Instant.ofEpochMilli(millis);
    }

    private static String rate(long count, Instant from, Instant to) {
        return String.valueOf(count / Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0));
    }

    /** The node's heap in use, read from its own metrics (Prometheus format) every 500 ms; the peak. */
    private static final class HeapPoller implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        HeapPoller(String baseUrl, String user, String password) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .build();
            thread = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                String body = http.send(request, HttpResponse.BodyHandlers.ofString())
                                        .body();
                                peak.accumulateAndGet(heapUsed(body), Math::max);
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                return;
                            } catch (IOException e) {
                                // the node is busy or gone: the next sample tells
                            }
                        }
                    },
                    "heap-poller");
            thread.setDaemon(true);
            thread.start();
        }

        static long heapUsed(String prometheus) {
            double sum = 0;
            for (String line : prometheus.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
