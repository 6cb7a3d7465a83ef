package fr.einvoicing.adoption.benchmark.bare;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The benchmark's baseline: Camunda 7 alone, in a JVM of its own, no Spring, no product code. It runs
 * the customer journey's wait states ({@code benchmark/bare-journey.bpmn}: a start, a no-op job, then an
 * answer message or a deadline timer) through the same phases as the product, on the same PostgreSQL,
 * with the job executor settings the product uses, and writes its figures as a properties file.
 *
 * <p>Arguments: JDBC URL, number of customers, number of answering clients, result file.
 */
public final class BareEngineRun {

    private static final String ANSWER = "answer";

    private BareEngineRun() {}

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        int customers = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Path result = Path.of(args[3]);
        HeapSampler heap = HeapSampler.start();
        Properties figures = new Properties();
        try (HikariDataSource dataSource = dataSource(jdbcUrl, clients)) {
            ProcessEngine engine = engine(dataSource);
            try {
                engine.getRepositoryService()
                        .createDeployment()
                        .addClasspathResource("benchmark/bare-journey.bpmn")
                        .enableDuplicateFiltering(true)
                        .deploy();
                run(engine, dataSource, customers, clients, figures);
            } finally {
                engine.close();
            }
        }
        figures.setProperty("peakHeapBytes", String.valueOf(heap.stop()));
        figures.setProperty("peakRssBytes", String.valueOf(peakRss()));
        try (OutputStream out = Files.newOutputStream(result)) {
            figures.store(out, "bare Camunda engine");
        }
        System.exit(0);
    }

    private static void run(ProcessEngine engine, DataSource dataSource, int customers, int clients, Properties figures)
            throws Exception {
        long bytesBefore = databaseBytes(dataSource);
        // every timer far away at first; they are all moved to one instant once the answers are in,
        // as every journey of a campaign has the same deadline
        Date farAway = Date.from(Instant.now().plus(Duration.ofDays(30)));

        Instant started = Instant.now();
        // kept as the product keeps each journey's id with its customer, to correlate answers by it
        String[] instances = new String[customers];
        parallel(
                clients,
                customers,
                i -> instances[i] = engine.getRuntimeService()
                        .startProcessInstanceByKey("bare-journey", "b" + i, Map.of("deadline", farAway))
                        .getId());
        awaitCount(
                () -> engine.getRuntimeService()
                        .createEventSubscriptionQuery()
                        .eventName(ANSWER)
                        .count(),
                customers,
                Duration.ofMinutes(30));
        figures.setProperty("startsPerSecond", rate(customers, started, Instant.now()));

        int answered = customers / 2;
        Instant answering = Instant.now();
        parallel(clients, answered, i -> engine.getRuntimeService()
                .createMessageCorrelation(ANSWER)
                .processInstanceId(instances[2 * i])
                .correlate());
        figures.setProperty("correlationsPerSecond", rate(answered, answering, Instant.now()));

        List<String> timers = engine.getManagementService().createJobQuery().timers().list().stream()
                .map(job -> job.getId())
                .toList();
        Instant deadline = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        parallel(clients, timers.size(), i -> engine.getManagementService()
                .setJobDuedate(timers.get(i), Date.from(deadline)));
        int silent = customers - answered;
        awaitCount(
                () -> engine.getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .finished()
                        .count(),
                customers,
                Duration.ofMinutes(30));
        Instant[] firstAndLast = silenceEnds(dataSource);
        figures.setProperty("timersPerSecond", rate(silent, deadline, firstAndLast[1]));
        figures.setProperty(
                "firstTimerDelayMillis",
                String.valueOf(Duration.between(deadline, firstAndLast[0]).toMillis()));

        analyze(dataSource);
        figures.setProperty("databaseBytes", String.valueOf(databaseBytes(dataSource) - bytesBefore));
        figures.setProperty("databaseRows", String.valueOf(rows(dataSource)));
        figures.setProperty("customers", String.valueOf(customers));
    }

    private static ProcessEngine engine(DataSource dataSource) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setProcessEngineName("bare");
        // the product's job executor: Camunda's thread pool defaults, acquisition every 1 s, at most 2 s idle
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setWaitTimeInMillis(1000);
        jobExecutor.setMaxWait(2000);
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorActivate(true);
        return configuration.buildProcessEngine();
    }

    private static HikariDataSource dataSource(String jdbcUrl, int clients) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        // the job threads (10), the acquisition, the clients
        dataSource.setMaximumPoolSize(11 + clients);
        return dataSource;
    }

    private static void parallel(int threads, int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicLong next = new AtomicLong();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        work.accept((int) i);
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitCount(java.util.function.LongSupplier count, long expected, Duration timeout)
            throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (count.getAsLong() < expected) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("only " + count.getAsLong() + " of " + expected + " after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static String rate(long count, Instant from, Instant to) {
        return String.valueOf(count / Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0));
    }

    private static Instant[] silenceEnds(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select min(end_time_), max(end_time_) from act_hi_procinst where end_act_id_ = 'End_Silence'")) {
            rows.next();
            Timestamp first = rows.getTimestamp(1);
            Timestamp last = rows.getTimestamp(2);
            return new Instant[] {first.toInstant(), last.toInstant()};
        }
    }

    private static void analyze(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("analyze");
        }
    }

    private static long databaseBytes(DataSource dataSource) throws SQLException {
        return single(dataSource, "select pg_database_size(current_database())");
    }

    private static long rows(DataSource dataSource) throws SQLException {
        return single(dataSource, "select coalesce(sum(n_live_tup), 0) from pg_stat_user_tables");
    }

    private static long single(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The peak resident set of this JVM (Linux), 0 where /proc does not say. */
    static long peakRss() {
        return peakRss("self");
    }

    /** The peak resident set of a process ({@code self} or a pid) on Linux, 0 where /proc does not say. */
    public static long peakRss(String process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", process, "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The heap in use, sampled every 200 ms; the largest value seen. */
    static final class HeapSampler {
        private final Thread thread;
        private final AtomicLong peak = new AtomicLong();

        private HeapSampler() {
            thread = new Thread(
                    () -> {
                        var memory = ManagementFactory.getMemoryMXBean();
                        while (!Thread.currentThread().isInterrupted()) {
                            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        long stop() {
            thread.interrupt();
            return peak.get();
        }
    }
}
