package fr.einvoicing.adoption.integration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.process.CustomerAdoptionProcess;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.FreePorts;
import fr.einvoicing.adoption.support.ReceivedMail;
import fr.einvoicing.adoption.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A whole campaign on a real PostgreSQL with the job executor on and the real clock: letters go
 * out by themselves, one customer accepts, one refuses, one stays silent past a deadline a few
 * seconds away and is accepted tacitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresJourneyTest {

    private static final int HTTP_PORT = FreePorts.next();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.createDatabase("journey");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        // the deadline below is 25 seconds away: the letters leave time enough if out 1 second before
        registry.add("campaign.response.minimum-answer-time", () -> "PT1S");
        // waves every 2 seconds, so that a deadline can pass while they still run
        registry.add("campaign.dispatch.wave-interval", () -> "2s");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "300");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("campaign.public-base-url", () -> "http://localhost:" + HTTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
    }

    @Autowired
    CampaignService campaignService;

    @Autowired
    CampaignCreation creation;

    @Autowired
    CampaignCustomers customers;

    @Autowired
    EvidenceLog evidence;

    @Autowired
    TaskService taskService;

    @Autowired
    HistoryService historyService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void customer_ids_repeated_far_apart_in_a_file_are_reported_and_the_rest_imported() throws Exception {
        // far apart: in other import chunks than their first line, where only the database's unique
        // key sees them (PostgreSQL must roll back to the chunk's savepoint and carry on)
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= 1_200; i++) {
            String id = i == 700 || i == 1_100 ? "R1" : i == 1_101 ? "R1000" : "R" + i;
            csv.append(id)
                    .append(";Entreprise ")
                    .append(i)
                    .append(";Contact;r")
                    .append(i)
                    .append("@dup.example;;;fr;sme;anna\n");
        }
        var settings = new CampaignSettings(
                "DUP-" + System.currentTimeMillis() % 100000,
                "Doublons",
                "fr",
                java.time.LocalDateTime.now().plusWeeks(4).withNano(0),
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
        var created = creation.create(
                settings,
                new java.io.ByteArrayInputStream(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "claire",
                n -> {},
                false);

        assertThat(created.imported().imported()).isEqualTo(1_197);
        assertThat(created.imported().rejected()).isEqualTo(3);
        assertThat(jdbc.sql(
                                "select line_number from customer_import_problem where campaign_id = ? order by line_number")
                        .param(created.campaign().id())
                        .query(Long.class)
                        .list())
                .containsExactly(701L, 1_101L, 1_102L);
        assertThat(customers
                        .findByCustomerId(created.campaign().id(), "R1")
                        .orElseThrow()
                        .companyName())
                .as("the first line wins")
                .isEqualTo("Entreprise 1");
    }

    @Test
    void a_whole_campaign_runs_by_itself_on_postgresql() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime deadline = ZonedDateTime.now(paris).plusSeconds(25);
        String code = "PG-" + System.currentTimeMillis() % 100000;
        var settings = new CampaignSettings(
                code,
                "Passage à la facture électronique",
                "fr",
                deadline.toLocalDateTime(),
                paris.getId(),
                null,
                true,
                LocalDate.now().plusMonths(2),
                null,
                null,
                "https://example.com/faq",
                false,
                "Claire Martin",
                "claire.martin@example.com",
                null,
                "CGV-2026-11",
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
        String csv =
                """
                customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager
                A;Transports Leroy SAS;Paul Leroy;a+%1$s@pg.example;412345670;41234567000019;fr;sme;anna
                R;Boulangerie Martin;Julie Martin;r+%1$s@pg.example;412345670;41234567000019;fr;sme;anna
                S;Atelier Moreau;Luc Moreau;s+%1$s@pg.example;;;en;sme;anna
                """
                        .formatted(code.toLowerCase());

        var created = creation.create(
                settings, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "claire", n -> {}, false);
        long campaignId = created.campaign().id();
        campaignService.launchWave(campaignId, Integer.MAX_VALUE);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestMailServer.mailsTo("+" + code.toLowerCase() + "@pg.example")
                                .size()
                        == 3);
        // the job executor may still be closing the send job after the mail is out
        await().atMost(Duration.ofSeconds(10))
                .until(() -> customers
                                .findByCustomerId(campaignId, "A")
                                .orElseThrow()
                                .status()
                        == CustomerStatus.AWAITING_RESPONSE);

        String acceptLink = ReceivedMail.of(
                        TestMailServer.mailsTo("a+" + code.toLowerCase()).get(0))
                .responseLink();
        String refuseLink = ReceivedMail.of(
                        TestMailServer.mailsTo("r+" + code.toLowerCase()).get(0))
                .responseLink();
        assertThat(new Browserless()
                        .answer(acceptLink, Map.of("decision", "ACCEPT", "wantedFormat", "UBL"))
                        .status())
                .isEqualTo(302);
        assertThat(new Browserless()
                        .answer(refuseLink, Map.of("decision", "REFUSE", "refusalReason", "TOO_EARLY"))
                        .status())
                .isEqualTo(302);

        var accepted = customers.findByCustomerId(campaignId, "A").orElseThrow();
        var refused = customers.findByCustomerId(campaignId, "R").orElseThrow();
        var silent = customers.findByCustomerId(campaignId, "S").orElseThrow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> customers.get(accepted.id()).status() == CustomerStatus.ACCEPTED_EXPLICITLY);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> taskService
                                .createTaskQuery()
                                .processInstanceBusinessKey(refused.businessKey())
                                .taskDefinitionKey(CustomerAdoptionProcess.TASK_HANDLE_REFUSAL)
                                .taskCandidateGroup("account-managers")
                                .count()
                        == 1);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> customers.get(silent.id()).status() == CustomerStatus.ACCEPTED_TACITLY);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(silent.businessKey())
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(CustomerAdoptionProcess.END_ACCEPTED_TACITLY);
        assertThat(customers.get(silent.id()).outcomeAt().toInstant()).isAfterOrEqualTo(deadline.toInstant());

        for (var customer : new long[] {accepted.id(), refused.id(), silent.id()}) {
            assertThat(evidence.verify(customer).intact()).isTrue();
        }

        // PostgreSQL itself refuses to change or delete evidence
        long entry = evidence.entries(silent.id()).get(0).id();
        assertThatThrownBy(() -> jdbc.sql("update evidence_entry set summary = 'changed' where id = :id")
                        .param("id", entry)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from evidence_entry where id = :id")
                        .param("id", entry)
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void a_wave_larger_than_the_pool_goes_out_with_the_default_settings() throws Exception {
        // default job executor (10 threads) and no pool size set: each send needs two connections
        int letters = 150;
        String code = "POOL-" + System.currentTimeMillis() % 100000;
        var settings = new CampaignSettings(
                code,
                "Passage à la facture électronique",
                "fr",
                java.time.LocalDateTime.now().plusWeeks(4).withNano(0),
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
                100_000,
                null,
                null);
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= letters; i++) {
            csv.append("W")
                    .append(i)
                    .append(";Entreprise ")
                    .append(i)
                    .append(";Contact;w")
                    .append(i)
                    .append("+")
                    .append(code.toLowerCase())
                    .append("@pool.example;;;fr;sme;anna\n");
        }
        var created = creation.create(
                settings,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "claire",
                n -> {},
                false);
        campaignService.launchWave(created.campaign().id(), Integer.MAX_VALUE);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> TestMailServer.mailsTo("+" + code.toLowerCase() + "@pool.example")
                                .size()
                        >= letters);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from mail_delivery d join campaign_customer c on c.id = d.campaign_customer_id "
                                                + "where c.campaign_id = ? and d.status = 'SENT'")
                                .param(created.campaign().id())
                                .query(Long.class)
                                .single()
                        == letters);
        assertThat(TestMailServer.mailsTo("+" + code.toLowerCase() + "@pool.example"))
                .as("one letter each")
                .hasSize(letters);
        assertThat(managementService.createJobQuery().withException().count())
                .as("no job failed waiting for a connection")
                .isZero();
        assertThat(((com.zaxxer.hikari.HikariDataSource) dataSource).getMaximumPoolSize())
                .isEqualTo(fr.einvoicing.adoption.DatabasePoolSizing.needed(10));
    }

    @Test
    void a_deadline_that_passes_during_the_waves_strands_no_one_and_silence_counts_only_for_letters_out_in_time()
            throws Exception {
        int letters = 30;
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime deadline = ZonedDateTime.now(paris).plusSeconds(20).withNano(0);
        String code = "WAVE-" + System.currentTimeMillis() % 100000;
        // a first wave well before the deadline, the second one once it has passed, whatever the machine's speed
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
                18_000,
                null,
                null);
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= letters; i++) {
            csv.append("D")
                    .append(i)
                    .append(";Entreprise ")
                    .append(i)
                    .append(";Contact;d")
                    .append(i)
                    .append("+")
                    .append(code.toLowerCase())
                    .append("@wave.example;;;fr;sme;anna\n");
        }
        var created = creation.create(
                settings,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "claire",
                n -> {},
                false);
        long campaignId = created.campaign().id();
        campaignService.launchWave(campaignId, letters / 2);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TestMailServer.mailsTo("+" + code.toLowerCase() + "@wave.example")
                                .size()
                        == letters / 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ZonedDateTime.now(paris).isAfter(deadline.plusSeconds(1)));
        campaignService.launchWave(campaignId, letters - letters / 2);

        var settled = java.util.Set.of(CustomerStatus.ACCEPTED_TACITLY, CustomerStatus.TO_REACH);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.sql(
                                        "select count(*) from campaign_customer where campaign_id = ? and status in ('ACCEPTED_TACITLY', 'TO_REACH')")
                                .param(campaignId)
                                .query(Long.class)
                                .single()
                        == letters);

        assertThat(TestMailServer.mailsTo("+" + code.toLowerCase() + "@wave.example"))
                .as("one letter each")
                .hasSize(letters);
        int tacit = 0;
        for (int i = 1; i <= letters; i++) {
            var customer = customers.findByCustomerId(campaignId, "D" + i).orElseThrow();
            assertThat(customer.status()).isIn(settled);
            var sentAt = customers.letterSentAt(customer.id()).orElseThrow();
            boolean inTime = !sentAt.plusSeconds(1).isAfter(customer.responseDeadline());
            assertThat(customer.status())
                    .as("D" + i + " sent at " + sentAt + ", deadline " + customer.responseDeadline())
                    .isEqualTo(inTime ? CustomerStatus.ACCEPTED_TACITLY : CustomerStatus.TO_REACH);
            if (!inTime) {
                assertThat(taskService
                                .createTaskQuery()
                                .processInstanceBusinessKey(customer.businessKey())
                                .taskDefinitionKey(CustomerAdoptionProcess.TASK_REACH_CUSTOMER)
                                .count())
                        .isEqualTo(1);
            } else {
                tacit++;
            }
        }
        assertThat(tacit)
                .as("the first wave left in time, the second after the deadline")
                .isPositive()
                .isLessThanOrEqualTo(letters / 2);
    }
}
