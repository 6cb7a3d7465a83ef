package fr.einvoicing.adoption.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.support.AppNode;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.ReceivedMail;
import fr.einvoicing.adoption.support.StaffClient;
import fr.einvoicing.adoption.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;

/**
 * The application killed like {@code kill -9} while its letters go out, then started again on the same
 * PostgreSQL, as an operator would after a crash: every customer gets their letter, only the letters
 * truly in flight at the kill may arrive twice, and a letter that arrives twice is the same mail (same
 * Message-ID, same working link) with the repeat in the customer's evidence. Nothing stays SENDING.
 */
class CrashDuringWavesTest {

    private static final int CUSTOMERS = 300;
    private static final String APPROVER = "approver";
    private static final String APPROVER_PASSWORD = "Approve-" + java.util.UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What makes the test quick, none of which changes the sending path: waves every 2 s, locks of 15 s. */
    private static final Map<String, String> SETTINGS = Map.of(
            "campaign.dispatch.wave-interval", "2s",
            // as behind a load balancer: the links name the service, not a node
            "campaign.public-base-url", "https://adoption.example.com",
            "camunda.bpm.job-execution.lock-time-in-millis", "15000",
            "logging.level.fr.einvoicing.adoption.mail.SendOnce", "WARN",
            "campaign.supplier.legal-name", "Atelier Dupont Distribution SAS",
            "campaign.supplier.siren", "732829320",
            "campaign.supplier.address", "12 rue des Tanneurs, 69002 Lyon");

    private final List<AppNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(AppNode::close);
    }

    @Test
    void a_node_killed_mid_wave_sends_every_letter_and_repeats_only_what_was_in_flight_as_the_same_mail()
            throws Exception {
        String jdbcUrl = EmbeddedPostgres.createDatabase("crash_waves");
        String code = "CRASH-" + System.currentTimeMillis() % 100000;
        String domain = code.toLowerCase() + ".example";

        AppNode first = start("crash-first", jdbcUrl);
        StaffClient operator = first.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        addApprover(operator);
        String campaignProcess = createCampaign(operator, code, domain);
        approve(first.staff(APPROVER, APPROVER_PASSWORD), campaignProcess, code);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> TestMailServer.mailsTo("@" + domain).size() >= CUSTOMERS / 3);
        first.kill();
        int mailsBeforeKill = TestMailServer.mailsTo("@" + domain).size();
        long inFlight = count(jdbcUrl, "select count(*) from mail_delivery where status = 'SENDING'");
        assertThat(mailsBeforeKill).as("killed mid-wave").isLessThan(CUSTOMERS);
        // usually a few: the kill lands while mails flow (zero is possible if it lands between two sendings)
        assertThat(inFlight).as("letters in flight at the kill, at most one per job thread (10)").isLessThanOrEqualTo(10L);

        AppNode second = start("crash-second", jdbcUrl);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count(jdbcUrl, "select count(*) from mail_delivery where status = 'SENT'") == CUSTOMERS
                        && TestMailServer.mailsTo("@" + domain).size() >= CUSTOMERS);

        Map<String, List<MimeMessage>> byRecipient = TestMailServer.mailsTo("@" + domain).stream()
                .collect(Collectors.groupingBy(CrashDuringWavesTest::recipient));
        assertThat(byRecipient).as("every customer got the letter").hasSize(CUSTOMERS);
        Map<String, List<MimeMessage>> repeated = byRecipient.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated.values()).allSatisfy(mails -> assertThat(mails).hasSize(2));
        assertThat((long) repeated.size()).as("repeats, bounded by the letters in flight at the kill")
                .isLessThanOrEqualTo(inFlight);

        assertThat(count(jdbcUrl, "select count(*) from mail_delivery where status <> 'SENT'"))
                .as("no delivery left SENDING").isZero();
        assertThat(count(jdbcUrl, "select count(*) from mail_delivery where link_token is not null"))
                .as("no raw link kept once the relay answered").isZero();
        assertThat(count(jdbcUrl, "select count(distinct campaign_customer_id) from mail_delivery")).isEqualTo(CUSTOMERS);
        assertThat(count(jdbcUrl, "select count(*) from evidence_entry where type = 'LETTER_SENT'"))
                .as("one sending in each customer's evidence").isEqualTo(CUSTOMERS);

        StaffClient afterCrash = second.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        for (var entry : repeated.entrySet()) {
            List<MimeMessage> mails = entry.getValue();
            assertThat(mails.get(1).getMessageID()).as("same Message-ID for " + entry.getKey())
                    .isEqualTo(mails.get(0).getMessageID());
            String link = ReceivedMail.of(mails.get(0)).responseLink();
            assertThat(ReceivedMail.of(mails.get(1)).responseLink()).isEqualTo(link);
            assertThat(afterCrash.get(link.substring(link.indexOf("/respond/"))).statusCode())
                    .as("the link works").isEqualTo(200);
            assertThat(count(jdbcUrl, "select count(*) from evidence_entry e join campaign_customer c"
                    + " on c.id = e.campaign_customer_id where c.email = '" + entry.getKey() + "'"
                    + " and e.type = 'LETTER_SENT' and e.details like '%\"possibleRepeat\":true%'"))
                    .as("the repeat is in " + entry.getKey() + "'s evidence").isEqualTo(1);
        }
        // a letter sent again after the crash without a first copy at the relay is flagged as possible, no more
        long flagged = count(jdbcUrl, "select count(*) from mail_delivery where interrupted_attempts > 0");
        assertThat(flagged).isGreaterThanOrEqualTo(repeated.size()).isLessThanOrEqualTo(inFlight);
        System.out.printf("crash mid-wave: %d of %d letters out at the kill, %d in flight, %d received twice%n",
                mailsBeforeKill, CUSTOMERS, inFlight, repeated.size());
    }

    private AppNode start(String name, String jdbcUrl) {
        AppNode node = AppNode.start(name, jdbcUrl, SETTINGS);
        nodes.add(node);
        return node;
    }

    private static void addApprover(StaffClient operator) {
        var created = operator.postJson("/engine-rest/user/create", """
                {"profile": {"id": "%s", "firstName": "Marc", "lastName": "Approver", "email": "marc@example.com"},
                 "credentials": {"password": "%s"}}""".formatted(APPROVER, APPROVER_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        var member = operator.putJson("/engine-rest/group/campaign-managers/members/" + APPROVER, "");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
    }

    private static String createCampaign(StaffClient operator, String code, String domain) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("code", code);
        settings.put("name", "Passage à la facture électronique");
        settings.put("defaultLanguage", "fr");
        LocalDateTime deadline = LocalDateTime.now().plusDays(30).withHour(18).withMinute(0).withSecond(0).withNano(0);
        settings.put("responseDeadline", deadline.toString());
        settings.put("reminderBefore", "P7D");
        settings.put("firstEinvoiceDate", "2027-01-15");
        settings.put("webinarAt", deadline.minusDays(14).withHour(11).toString());
        settings.put("webinarUrl", "https://webinar.example.com/einvoicing");
        settings.put("showTaxFaq", true);
        settings.put("contactPhone", "+33 1 23 45 67 89");
        settings.put("termsVersion", "CGV-2026-11");
        settings.put("termsUrl", "https://example.com/cgv");
        settings.put("deadlineZone", "Europe/Paris");
        settings.put("silenceMeansAcceptance", true);
        settings.put("faqUrl", "https://example.com/faq");
        settings.put("contactName", "Claire Martin");
        settings.put("contactEmail", "claire.martin@example.com");
        settings.put("lettersPerHour", 100_000);
        StringBuilder csv = new StringBuilder("customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= CUSTOMERS; i++) {
            csv.append("K").append(i).append(";Entreprise ").append(i).append(";Contact;k").append(i).append("@")
                    .append(domain).append(";;;fr;sme;anna\n");
        }
        var response = operator.createCampaign(JSON.writeValueAsString(settings), csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("imported").asInt()).isEqualTo(CUSTOMERS);
        return body.get("campaignProcess").asText();
    }

    private static void approve(StaffClient approver, String campaignProcess, String code) throws Exception {
        String query = "/engine-rest/task?processInstanceId=" + campaignProcess + "&taskDefinitionKey=Task_ApproveCampaign";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JSON.readTree(approver.get(query).body()))
                .as(approver.get("/engine-rest/task?processInstanceId=" + campaignProcess).body()
                        + approver.get("/api/campaigns/" + code + "/letter-check").body()).hasSize(1));
        String taskId = JSON.readTree(approver.get(query).body()).get(0).get("id").asText();
        var completed = approver.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"APPROVE\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
