package fr.einvoicing.adoption.integration;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.einvoicing.adoption.support.AppNode;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.NodeCampaigns;
import fr.einvoicing.adoption.support.ReceivedMail;
import fr.einvoicing.adoption.support.StaffClient;
import fr.einvoicing.adoption.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application killed like {@code kill -9} in the middle of its letter waves, in the two ways an
 * operator meets it: a single node started again on the same PostgreSQL after the crash, and one node
 * of a two-node cluster whose other node finishes the work once the dead node's locks expire. Either
 * way every customer gets their letter, only the letters truly in flight at the kill may arrive twice,
 * and a letter that arrives twice is the same mail (same Message-ID, same working link) with the repeat
 * in the customer's evidence. Nothing stays SENDING.
 */
class CrashDuringWavesTest {

    private static final int CUSTOMERS = 300;

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
    void a_single_node_killed_mid_wave_and_started_again_repeats_only_what_was_in_flight_as_the_same_mail() {
        killMidWave("crash_restart", false);
    }

    @Test
    void a_node_killed_mid_wave_leaves_its_work_to_the_other_and_repeats_only_what_was_in_flight_as_the_same_mail() {
        killMidWave("crash_survivor", true);
    }

    /** With {@code twoNodes}, a second node runs beside the killed one; without, the node is started again. */
    private void killMidWave(String database, boolean twoNodes) {
        String jdbcUrl = EmbeddedPostgres.createDatabase(database);
        String code = "CRASH-" + System.currentTimeMillis() % 100000;
        String domain = code.toLowerCase() + ".example";

        AppNode killed = start("crash-a", jdbcUrl);
        AppNode other = twoNodes ? start("crash-b", jdbcUrl) : killed;
        StaffClient operator = killed.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        NodeCampaigns.addApprover(operator);
        String campaignProcess = NodeCampaigns.create(
                operator,
                NodeCampaigns.settings(
                        code,
                        LocalDateTime.now()
                                .plusDays(30)
                                .withHour(18)
                                .withMinute(0)
                                .withSecond(0)
                                .withNano(0)),
                NodeCampaigns.customers(CUSTOMERS, domain),
                CUSTOMERS);
        NodeCampaigns.approve(other.staff(NodeCampaigns.APPROVER, NodeCampaigns.APPROVER_PASSWORD), campaignProcess);

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> TestMailServer.mailsTo("@" + domain).size() >= CUSTOMERS / 3);
        killed.kill();
        int mailsBeforeKill = TestMailServer.mailsTo("@" + domain).size();
        long inFlight = count(jdbcUrl, "select count(*) from mail_delivery where status = 'SENDING'");
        assertThat(mailsBeforeKill).as("killed mid-wave").isLessThan(CUSTOMERS);
        // usually a few: the kill lands while mails flow (zero is possible if it lands between two sendings)
        int jobThreads = twoNodes ? 2 * 10 : 10;
        assertThat(inFlight)
                .as("letters in flight at the kill, at most one per job thread (" + jobThreads + ")")
                .isLessThanOrEqualTo(jobThreads);
        AppNode survivor = twoNodes ? other : start("crash-a-again", jdbcUrl);

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count(jdbcUrl, "select count(*) from mail_delivery where status = 'SENT'") == CUSTOMERS
                        && TestMailServer.mailsTo("@" + domain).size() >= CUSTOMERS);

        Map<String, List<MimeMessage>> byRecipient = TestMailServer.mailsTo("@" + domain).stream()
                .collect(Collectors.groupingBy(CrashDuringWavesTest::recipient));
        assertThat(byRecipient).as("every customer got the letter").hasSize(CUSTOMERS);
        Map<String, List<MimeMessage>> repeated = byRecipient.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated.values()).allSatisfy(mails -> assertThat(mails).hasSize(2));
        assertThat((long) repeated.size())
                .as("repeats, bounded by the letters in flight at the kill")
                .isLessThanOrEqualTo(inFlight);

        assertThat(count(jdbcUrl, "select count(*) from mail_delivery where status <> 'SENT'"))
                .as("no delivery left SENDING")
                .isZero();
        assertThat(count(jdbcUrl, "select count(*) from mail_delivery where link_token is not null"))
                .as("no raw link kept once the relay answered")
                .isZero();
        assertThat(count(jdbcUrl, "select count(distinct campaign_customer_id) from mail_delivery"))
                .isEqualTo(CUSTOMERS);
        assertThat(count(jdbcUrl, "select count(*) from evidence_entry where type = 'LETTER_SENT'"))
                .as("one sending in each customer's evidence")
                .isEqualTo(CUSTOMERS);

        StaffClient afterCrash = survivor.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        for (var entry : repeated.entrySet()) {
            List<MimeMessage> mails = entry.getValue();
            assertThat(messageId(mails.get(1)))
                    .as("same Message-ID for " + entry.getKey())
                    .isEqualTo(messageId(mails.get(0)));
            String link = ReceivedMail.of(mails.get(0)).responseLink();
            assertThat(ReceivedMail.of(mails.get(1)).responseLink()).isEqualTo(link);
            assertThat(afterCrash.get(link.substring(link.indexOf("/respond/"))).statusCode())
                    .as("the link works")
                    .isEqualTo(200);
            assertThat(count(
                            jdbcUrl,
                            "select count(*) from evidence_entry e join campaign_customer c"
                                    + " on c.id = e.campaign_customer_id where c.email = '" + entry.getKey() + "'"
                                    + " and e.type = 'LETTER_SENT' and e.details like '%\"possibleRepeat\":true%'"))
                    .as("the repeat is in " + entry.getKey() + "'s evidence")
                    .isEqualTo(1);
        }
        // a letter sent again after the crash without a first copy at the relay is flagged as possible, no more
        long flagged = count(jdbcUrl, "select count(*) from mail_delivery where interrupted_attempts > 0");
        assertThat(flagged).isGreaterThanOrEqualTo(repeated.size()).isLessThanOrEqualTo(inFlight);

        System.out.printf(
                "crash mid-wave (%s): %d of %d letters out at the kill, %d in flight, %d received twice%n",
                twoNodes ? "two nodes" : "one node, started again",
                mailsBeforeKill,
                CUSTOMERS,
                inFlight,
                repeated.size());
    }

    private AppNode start(String name, String jdbcUrl) {
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("campaign.node-name", name);
        AppNode node = AppNode.start(name, jdbcUrl, settings);
        nodes.add(node);
        return node;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String jdbcUrl, String sql) {
        return NodeCampaigns.count(jdbcUrl, sql);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
