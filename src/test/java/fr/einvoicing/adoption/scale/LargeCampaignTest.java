package fr.einvoicing.adoption.scale;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.FreePorts;
import fr.einvoicing.adoption.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large campaign on a real PostgreSQL, in a JVM whose heap is capped (see the "scale" execution in
 * the pom): a generated customer file is imported as a stream and every journey is started in
 * bounded waves. Passing under the cap is the proof that no step keeps the whole campaign in memory.
 * It prints its import and journey-start figures; the benchmark against the bare engine is
 * {@code AdoptionBenchmark}.
 */
@Tag("scale")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
class LargeCampaignTest {

    private static final int ROWS = Integer.getInteger("scale.rows", 30_000);
    private static final int HTTP_PORT = FreePorts.next();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.createDatabase("scale");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("logging.level.fr.einvoicing.adoption", () -> "WARN");
    }

    @Autowired
    CampaignService campaigns;

    @Autowired
    CampaignCreation creation;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcClient jdbc;

    /** A CSV file of {@code rows} customers, produced line by line as it is read. */
    static InputStream generatedFile(String code, int rows) {
        Enumeration<InputStream> lines = new Enumeration<>() {
            private int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next < rows;
            }

            @Override
            public InputStream nextElement() {
                String line = next < 0
                        ? "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager;region\n"
                        : "K" + next + ";Entreprise " + next + ";Contact " + next + ";k" + next + "+"
                                + code.toLowerCase(Locale.ROOT)
                                + "@scale.example;412345670;41234567000019;" + (next % 5 == 0 ? "en" : "fr") + ";"
                                + (next % 3 == 0 ? "key-account" : "sme") + ";anna;Region " + (next % 13) + "\n";
                next++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(lines);
    }

    private CampaignSettings settings(String code) {
        var deadline = java.time.LocalDateTime.now().plusWeeks(6).withNano(0);
        return new CampaignSettings(
                code,
                "Large campaign",
                "fr",
                deadline,
                "Europe/Paris",
                null,
                true,
                null,
                null,
                null,
                "https://example.com/faq",
                false,
                "Claire Martin",
                "claire.martin@example.com",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private record Run(int rows, long importMillis, long launchMillis, long peakHeapMb, long peakLiveMb) {}

    /**
     * Samples the heap while a run goes on: the most it held (garbage included, never above the cap)
     * and the most that survived a collection (the live data: what would grow with the campaign).
     */
    private static final class HeapWatch implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService sampler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "heap-watch");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong peakLive = new java.util.concurrent.atomic.AtomicLong();

        HeapWatch() {
            System.gc();
            sampler.scheduleAtFixedRate(this::sample, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void sample() {
            peakUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            long afterCollection = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                    .mapToLong(p -> p.getCollectionUsage().getUsed())
                    .sum();
            peakLive.accumulateAndGet(afterCollection, Math::max);
        }

        long peakUsedMb() {
            return peakUsed.get() / (1024 * 1024);
        }

        long peakLiveMb() {
            return peakLive.get() / (1024 * 1024);
        }

        @Override
        public void close() {
            sample();
            sampler.shutdownNow();
        }
    }

    private Run run(String code, int rows) throws Exception {
        try (HeapWatch heap = new HeapWatch()) {
            return run(code, rows, heap);
        }
    }

    private Run run(String code, int rows, HeapWatch heap) throws Exception {
        long t0 = System.nanoTime();
        var created = creation.create(settings(code), generatedFile(code, rows), "claire", n -> {}, false);
        long t1 = System.nanoTime();
        assertThat(created.imported().imported()).isEqualTo(rows);
        assertThat(created.imported().rejected()).isZero();

        long remaining;
        do {
            remaining = campaigns.launchWave(created.campaign().id(), 5_000);
        } while (remaining > 0);
        long t2 = System.nanoTime();

        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("customer-adoption")
                        .processInstanceBusinessKeyLike(code + ":%")
                        .count())
                .as("one journey per customer")
                .isEqualTo(rows);
        assertThat(jdbc.sql(
                                "select count(*) from campaign_customer where campaign_id = ? and process_instance_id is null")
                        .param(created.campaign().id())
                        .query(Long.class)
                        .single())
                .isZero();
        heap.sample();
        return new Run(rows, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, heap.peakUsedMb(), heap.peakLiveMb());
    }

    @Test
    void a_large_campaign_imports_and_starts_every_journey_within_a_capped_heap() throws Exception {
        long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        assertThat(maxHeapMb).as("the heap is really capped for this test").isLessThanOrEqualTo(600);

        Run large = run("LARGE", ROWS);

        // the first letters go out under the same heap
        for (int i = 0; i < 5; i++) {
            String instance = runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey("LARGE:K" + i)
                    .singleResult()
                    .getId();
            for (var job = first(instance); job != null; job = first(instance)) {
                management.executeJob(job.getId());
            }
        }
        assertThat(TestMailServer.mailsTo("@scale.example")).hasSizeGreaterThanOrEqualTo(5);

        System.out.printf(
                Locale.ROOT, "%nlarge campaign: %d customers, heap capped at %d MB%n", large.rows(), maxHeapMb);
        print("large", large);
    }

    private org.camunda.bpm.engine.runtime.Job first(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).executable().listPage(0, 1).stream()
                .findFirst()
                .orElse(null);
    }

    private static double rate(int rows, long millis) {
        return rows * 1000.0 / Math.max(1, millis);
    }

    private static void print(String name, Run run) {
        System.out.printf(
                Locale.ROOT,
                "%-8s %7d rows | import %6d ms (%7.0f rows/s) | start journeys %7d ms (%6.0f/s)"
                        + " | peak heap %4d MB, live after GC %4d MB%n",
                name,
                run.rows(),
                run.importMillis(),
                rate(run.rows(), run.importMillis()),
                run.launchMillis(),
                rate(run.rows(), run.launchMillis()),
                run.peakHeapMb(),
                run.peakLiveMb());
    }
}
