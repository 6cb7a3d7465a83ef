package fr.einvoicing.adoption.operations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.FreePorts;
import fr.einvoicing.adoption.support.RealPrometheus;
import fr.einvoicing.adoption.support.ReceivedMail;
import fr.einvoicing.adoption.support.StaffClient;
import fr.einvoicing.adoption.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of a running campaign at {@code /actuator/prometheus}, read by the metrics
 * account as Prometheus would, on PostgreSQL with the job executor on: letters sent, answers by kind,
 * tacit acceptances, tasks per group, customers per status; and every series the Grafana dashboard
 * queries exists. With Debian's Prometheus scraping the node every two seconds during the burst, every query of
 * the Grafana dashboard is evaluated by Prometheus itself and shows the campaign as an operator would see it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorMetricsTest {

    private static final int HTTP_PORT = FreePorts.next();
    private static final String BASE = "http://localhost:" + HTTP_PORT;
    private static final Path DASHBOARD = Path.of("ops/grafana/campaign-burst-dashboard.json");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.createDatabase("metrics");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "300");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
        registry.add("campaign.response.minimum-answer-time", () -> "PT1S");
        registry.add("campaign.dispatch.wave-interval", () -> "2s");
        registry.add("campaign.metrics.refresh-interval", () -> "PT1S");
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("campaign.public-base-url", () -> BASE);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
    }

    private static RealPrometheus realPrometheus;
    private static String burstCampaign;

    @BeforeAll
    static void startPrometheus() throws Exception {
        if (RealPrometheus.available()) {
            realPrometheus = RealPrometheus.scraping("localhost:" + HTTP_PORT, "metrics", "demo");
        }
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (realPrometheus != null) {
            realPrometheus.close();
        }
    }

    @Autowired
    CampaignService campaignService;

    @Autowired
    CampaignCreation creation;

    @Autowired
    CampaignCustomers customers;

    private final StaffClient prometheus = new StaffClient(BASE, "metrics", "demo");

    @Test
    void the_metrics_are_for_logged_in_readers_and_the_metrics_account_reads_nothing_else() throws Exception {
        assertThat(anonymous("/actuator/prometheus").statusCode()).isIn(302, 401);
        assertThat(new StaffClient(BASE, "metrics", "wrong")
                        .get("/actuator/prometheus")
                        .statusCode())
                .isEqualTo(401);
        assertThat(prometheus.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(new StaffClient(BASE, "claire", "demo")
                        .get("/actuator/prometheus")
                        .statusCode())
                .as("campaign managers read them too")
                .isEqualTo(200);
        assertThat(new StaffClient(BASE, "anna", "demo")
                        .get("/actuator/prometheus")
                        .statusCode())
                .as("an account manager does not")
                .isEqualTo(403);
        assertThat(prometheus.get("/api/campaigns").statusCode()).isEqualTo(403);
        assertThat(prometheus.get("/campaigns").statusCode()).isEqualTo(403);
        assertThat(prometheus.get("/engine-rest/task").body()).isEqualTo("[]");
    }

    @Test
    void health_tells_a_logged_in_operator_about_the_database_and_the_smtp_relay() throws Exception {
        var anonymous = anonymous("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).as("the status only").doesNotContain("components");
        JsonNode health = new ObjectMapper()
                .readTree(new StaffClient(BASE, "admin", "demo")
                        .get("/actuator/health")
                        .body());
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mail/details/location").asText())
                .contains(String.valueOf(TestMailServer.port()));
        var readiness = anonymous("/actuator/health/readiness");
        assertThat(readiness.statusCode())
                .as("what a load balancer probes, without a login")
                .isEqualTo(200);
        JsonNode probe = new ObjectMapper()
                .readTree(new StaffClient(BASE, "admin", "demo")
                        .get("/actuator/health/readiness")
                        .body());
        assertThat(probe.at("/components").fieldNames())
                .toIterable()
                .as("an SMTP outage keeps the node in the pool")
                .containsExactlyInAnyOrder("db", "readinessState");
    }

    @Test
    @Order(1)
    void an_operator_follows_a_running_campaign_and_the_dashboard_reads_series_that_exist() throws Exception {
        if (realPrometheus != null) {
            // Prometheus holds the counters before the burst, so that its increase() and rate() see it whole
            await("Prometheus scrapes the node").atMost(Duration.ofSeconds(60)).until(realPrometheus::scrapesUp);
        }
        String before = scrape();
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime deadline = ZonedDateTime.now(paris).plusSeconds(20);
        String code = "OPS-" + System.currentTimeMillis() % 100000;
        burstCampaign = code;
        var settings = new CampaignSettings(
                code,
                "Passage à la facture électronique",
                "fr",
                deadline.toLocalDateTime(),
                paris.getId(),
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
        String domain = code.toLowerCase() + ".example";
        String csv =
                """
                customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager
                A;Transports Leroy SAS;Paul Leroy;a@%1$s;;;fr;sme;anna
                R;Boulangerie Martin;Julie Martin;r@%1$s;;;fr;sme;anna
                S;Atelier Moreau;Luc Moreau;s@%1$s;;;fr;sme;anna
                """
                        .formatted(domain);
        var created = creation.create(
                settings, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "claire", n -> {}, false);
        long campaignId = created.campaign().id();
        campaignService.launchWave(campaignId, Integer.MAX_VALUE);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestMailServer.mailsTo("@" + domain).size() == 3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value(scrape(), "adoption_mails_total", Map.of("kind", "letter", "outcome", "sent"))
                                - value(before, "adoption_mails_total", Map.of("kind", "letter", "outcome", "sent"))
                        == 3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value(
                                scrape(),
                                "adoption_customers",
                                Map.of("campaign", code, "status", CustomerStatus.AWAITING_RESPONSE.name()))
                        == 3);

        String accept =
                ReceivedMail.of(TestMailServer.mailsTo("a@" + domain).get(0)).responseLink();
        String refuse =
                ReceivedMail.of(TestMailServer.mailsTo("r@" + domain).get(0)).responseLink();
        assertThat(new Browserless()
                        .answer(accept, Map.of("decision", "ACCEPT", "wantedFormat", "UBL"))
                        .status())
                .isEqualTo(302);
        assertThat(new Browserless()
                        .answer(refuse, Map.of("decision", "REFUSE", "refusalReason", "TOO_EARLY"))
                        .status())
                .isEqualTo(302);
        var silent = customers.findByCustomerId(campaignId, "S").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> customers.get(silent.id()).status() == CustomerStatus.ACCEPTED_TACITLY);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            assertThat(increase(before, after, "adoption_answers_total", Map.of("kind", "accepted")))
                    .isEqualTo(1);
            assertThat(increase(before, after, "adoption_answers_total", Map.of("kind", "refused")))
                    .isEqualTo(1);
            assertThat(increase(before, after, "adoption_tacit_acceptances_total", Map.of()))
                    .isEqualTo(1);
            assertThat(increase(before, after, "adoption_evidence_total", Map.of("type", "LETTER_SENT")))
                    .isEqualTo(3);
            assertThat(value(after, "adoption_customers", Map.of("campaign", code, "status", "ACCEPTED_TACITLY")))
                    .isEqualTo(1);
            assertThat(value(after, "adoption_customers", Map.of("campaign", code, "status", "ACCEPTED_EXPLICITLY")))
                    .isEqualTo(1);
            assertThat(value(after, "adoption_customers", Map.of("campaign", code, "status", "REFUSAL_IN_REVIEW")))
                    .isEqualTo(1);
            assertThat(value(after, "adoption_tasks_open", Map.of("group", "account-managers")))
                    .as("the refusal waits in the account managers' Tasklist")
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(after, "adoption_jobs_failed", Map.of())).isZero();
        });

        String scrape = scrape();
        var missing = new TreeSet<String>();
        for (String series : dashboardSeries()) {
            if (!Pattern.compile("(?m)^" + series + "[{ ]").matcher(scrape).find()) {
                missing.add(series);
            }
        }
        assertThat(missing)
                .as("series the dashboard queries that the application does not export")
                .isEmpty();
    }

    @Test
    @Order(2)
    void every_query_of_the_dashboard_answers_on_a_real_prometheus_with_the_campaign_burst() throws Exception {
        Assumptions.assumeTrue(realPrometheus != null, RealPrometheus.INSTALL);
        Assumptions.assumeTrue(burstCampaign != null, "runs after the campaign burst");
        await("Prometheus scrapes the node").atMost(Duration.ofSeconds(30)).until(realPrometheus::scrapesUp);

        // the dashboard's campaign picker, as Grafana fills it: label_values(adoption_customers, campaign)
        JsonNode campaigns =
                realPrometheus.query("count by (campaign) (adoption_customers)").at("/data/result");
        assertThat(campaigns.findValuesAsText("campaign")).contains(burstCampaign);

        var refused = new TreeSet<String>();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = grafana(target.get("expr").asText());
                JsonNode answer = realPrometheus.query(expr);
                if (!"success".equals(answer.path("status").asText())) {
                    refused.add(panel.path("title").asText() + ": "
                            + answer.path("error").asText());
                }
            }
        }
        assertThat(refused).as("dashboard queries Prometheus refuses").isEmpty();

        // what the panels show of the burst: 3 letters sent, the customers by status, the backlog, the tasks
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(sum(grafana("sum(increase(adoption_mails_total{kind=\"letter\",outcome=\"sent\"}[$__range]))")))
                    .as("Letters sent (Prometheus extrapolates increase())")
                    .isGreaterThanOrEqualTo(2.0);
            JsonNode byStatus = realPrometheus
                    .query("sum by (status) (max by (campaign, status) (adoption_customers{campaign=~\"" + burstCampaign
                            + "\"}))")
                    .at("/data/result");
            var statuses = new java.util.HashMap<String, Double>();
            byStatus.forEach(r -> statuses.put(
                    r.at("/metric/status").asText(), r.at("/value/1").asDouble()));
            assertThat(statuses)
                    .as("Customers by status")
                    .containsEntry("ACCEPTED_TACITLY", 1.0)
                    .containsEntry("ACCEPTED_EXPLICITLY", 1.0)
                    .containsEntry("REFUSAL_IN_REVIEW", 1.0);
            assertThat(realPrometheus.query("max(adoption_jobs_backlog)").at("/data/result"))
                    .as("Job backlog")
                    .hasSize(1);
            assertThat(realPrometheus
                            .query("max by (group) (adoption_tasks_open)")
                            .at("/data/result")
                            .findValuesAsText("group"))
                    .as("Open Tasklist tasks, by group")
                    .contains("account-managers");
            assertThat(sum("sum(rate(adoption_tacit_acceptances_total[5m])) * 60"))
                    .as("tacit acceptances per minute")
                    .isGreaterThan(0);
            assertThat(sum("sum by (node) (jvm_memory_used_bytes{application=\"einvoicing-adoption\",area=\"heap\"})"))
                    .as("Heap used, per node")
                    .isGreaterThan(0);
        });
    }

    /** A dashboard query as Grafana sends it, for the last 10 minutes and every campaign. */
    private static String grafana(String expr) {
        return expr.replace("$campaign", ".*").replace("$__range", "10m");
    }

    private static double sum(String promql) throws Exception {
        double total = 0;
        for (JsonNode result : realPrometheus.query(promql).at("/data/result")) {
            total += result.at("/value/1").asDouble();
        }
        return total;
    }

    private static java.net.http.HttpResponse<String> anonymous(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() {
        var response = prometheus.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Every metric name the dashboard's queries read. */
    private static TreeSet<String> dashboardSeries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        var names = new TreeSet<String>();
        Pattern metric = Pattern.compile("\\b((?:adoption|jvm|hikaricp)_[a-z_]+)\\b");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names)
                .as("the dashboard queries our metrics")
                .contains("adoption_mails_total", "adoption_jobs_backlog");
        return names;
    }

    private static double increase(String before, String after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}. */
    static double value(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches =
                    labels.entrySet().stream().allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
