package fr.einvoicing.adoption.integration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import fr.einvoicing.adoption.support.AppNode;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EmbeddedPostgres;
import fr.einvoicing.adoption.support.NodeCampaigns;
import fr.einvoicing.adoption.support.OutsideServicesStub;
import fr.einvoicing.adoption.support.ReceivedMail;
import fr.einvoicing.adoption.support.StaffClient;
import fr.einvoicing.adoption.support.TestMailServer;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product as a Camunda 7 cluster: identical application nodes (JVMs of their own) on one
 * PostgreSQL, with the job executor on, a real SMTP server, the company registry and the invoicing
 * platform played by WireMock. A campaign runs through both nodes, its deadline passing while they
 * run; a node stopped gracefully hands its jobs back at once; a node restarted deploys nothing new.
 */
class ClusterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String PUBLIC_URL = "https://adoption.example.com";
    private static final Set<String> SETTLED =
            Set.of("ACCEPTED_EXPLICITLY", "ACCEPTED_TACITLY", "REFUSAL_IN_REVIEW", "TO_REACH");

    private static WireMockServer outside;

    private final List<AppNode> nodes = new ArrayList<>();

    @BeforeAll
    static void startOutsideServices() {
        outside = OutsideServicesStub.start();
    }

    @AfterAll
    static void stopOutsideServices() {
        outside.stop();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(AppNode::close);
    }

    @Test
    void
            two_nodes_run_a_campaign_of_1000_customers_through_its_deadline_and_each_customer_gets_one_letter_and_one_outcome() {
        int customers = 1000;
        String jdbcUrl = EmbeddedPostgres.createDatabase("cluster_campaign");
        String code = "CLUSTER-" + System.currentTimeMillis() % 100000;
        String domain = code.toLowerCase() + ".example";
        Map<String, String> settings = new HashMap<>(Map.of(
                "campaign.dispatch.wave-interval", "2s",
                "campaign.public-base-url", PUBLIC_URL,
                // the deadline is a couple of minutes away: a letter out 5 seconds before it leaves time enough
                "campaign.response.minimum-answer-time", "PT5S",
                "campaign.response.requests-per-minute-per-address", "100000",
                "campaign.follow-ups.enabled", "true",
                "campaign.registry.base-url", outside.baseUrl() + "/registry",
                "campaign.registry.requests-per-second", "200",
                "campaign.platform.base-url", outside.baseUrl() + "/platform",
                "campaign.platform.token", "cluster-platform-token"));
        settings.putAll(Map.of(
                "logging.level.fr.einvoicing.adoption.mail.SendOnce", "WARN",
                "campaign.supplier.legal-name", "Atelier Dupont Distribution SAS",
                "campaign.supplier.siren", "732829320",
                "campaign.supplier.address", "12 rue des Tanneurs, 69002 Lyon"));
        AppNode a = start("node-a", jdbcUrl, settings);
        AppNode b = start("node-b", jdbcUrl, settings);

        StaffClient operator = a.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        NodeCampaigns.addApprover(operator);
        LocalDateTime deadline = LocalDateTime.now(PARIS).plusSeconds(150).withNano(0);
        String campaignProcess = NodeCampaigns.create(
                operator,
                NodeCampaigns.settings(code, deadline),
                NodeCampaigns.customers(customers, domain),
                customers);
        NodeCampaigns.approve(b.staff(NodeCampaigns.APPROVER, NodeCampaigns.APPROVER_PASSWORD), campaignProcess);
        Instant approved = Instant.now();
        Instant deadlineInstant = deadline.atZone(PARIS).toInstant();

        // A form shown by one node and posted to the other (no sticky session) is refused, nothing recorded
        await().atMost(Duration.ofMinutes(2))
                .until(() -> !TestMailServer.mailsTo("k3@" + domain).isEmpty());
        String strayLink =
                ReceivedMail.of(TestMailServer.mailsTo("k3@" + domain).get(0)).responseLink();
        Browserless stray = new Browserless();
        String csrf = stray.get(strayLink.replace(PUBLIC_URL, a.baseUrl())).csrf();
        var refused = stray.post(
                strayLink.replace(PUBLIC_URL, b.baseUrl()),
                Map.of(
                        "decision",
                        "ACCEPT",
                        "siren",
                        NodeCampaigns.siren(3),
                        "invoicingContactName",
                        "Julie Martin",
                        "_csrf",
                        csrf));
        assertThat(refused.status()).as("a form posted to another node").isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Apache Tomcat");
        assertThat(NodeCampaigns.count(jdbcUrl, "select count(*) from customer_response"))
                .isZero();

        // Early customers answer on the response page, half through each node, until 20 s before the deadline
        Map<String, String> answers = new LinkedHashMap<>();
        List<AppNode> both = List.of(a, b);
        Instant answersUntil = deadlineInstant.minusSeconds(20);
        await().atMost(Duration.between(Instant.now(), answersUntil).plusSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (MimeMessage mail : TestMailServer.mailsTo("@" + domain)) {
                        String to = recipient(mail);
                        int i = Integer.parseInt(to.substring(1, to.indexOf('@')));
                        if (answers.containsKey(to)
                                || i % 5 > 1
                                || answers.size() >= 100
                                || !Instant.now().isBefore(answersUntil)) {
                            continue;
                        }
                        String link = ReceivedMail.of(mail)
                                .responseLink()
                                .replace(
                                        PUBLIC_URL, both.get(answers.size() % 2).baseUrl());
                        Map<String, String> form = i % 5 == 0
                                ? Map.of(
                                        "decision",
                                        "ACCEPT",
                                        "siren",
                                        NodeCampaigns.siren(i),
                                        "invoicingContactName",
                                        "Julie Martin")
                                : Map.of("decision", "REFUSE", "refusalReason", "TOO_EARLY");
                        assertThat(new Browserless().answer(link, form).status())
                                .as("answer of " + to)
                                .isEqualTo(302);
                        answers.put(to, i % 5 == 0 ? "ACCEPTED_EXPLICITLY" : "REFUSAL_IN_REVIEW");
                    }
                    return answers.size() >= 100 || !Instant.now().isBefore(answersUntil);
                });
        assertThat(answers).as("customers answered before the deadline").hasSizeGreaterThanOrEqualTo(20);

        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> NodeCampaigns.count(
                                jdbcUrl,
                                "select count(*) from campaign_customer where status in ('ACCEPTED_EXPLICITLY', 'ACCEPTED_TACITLY',"
                                        + " 'REFUSAL_IN_REVIEW', 'TO_REACH')")
                        == customers);
        assertThat(Instant.now()).as("the deadline passed while both nodes ran").isAfter(deadlineInstant);

        // every customer's outcome follows from their answer, or from when their letter left
        Map<String, String> statuses = NodeCampaigns.rows(
                        jdbcUrl,
                        """
                select c.email, c.status, (select max(d.completed_at) from mail_delivery d join letter l on l.id = d.letter_id
                   where d.campaign_customer_id = c.id and d.status = 'SENT') + interval '5 seconds' <= c.response_deadline
                from campaign_customer c""")
                .stream()
                .collect(Collectors.toMap(
                        r -> r.get(0), r -> r.get(1) + (answers.containsKey(r.get(0)) ? "" : "|" + r.get(2))));
        assertThat(statuses).hasSize(customers);
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        statuses.forEach((email, status) -> {
            String expected = answers.containsKey(email)
                    ? answers.get(email)
                    : status.endsWith("|t") ? "ACCEPTED_TACITLY" : "TO_REACH";
            assertThat(status.split("\\|")[0])
                    .as(email + " (letter in time: " + status + ")")
                    .isEqualTo(expected);
            byStatus.merge(expected, 1L, Long::sum);
        });
        assertThat(byStatus.get("ACCEPTED_TACITLY"))
                .as("silence counted for the letters out in time")
                .isPositive();

        assertThat(NodeCampaigns.count(
                        jdbcUrl, "select count(*) from act_hi_procinst p where p.proc_def_key_ = 'customer-adoption'"))
                .as("one journey per customer")
                .isEqualTo(customers);
        assertThat(NodeCampaigns.count(
                        jdbcUrl,
                        "select count(distinct business_key_) from act_hi_procinst"
                                + " where proc_def_key_ = 'customer-adoption'"))
                .isEqualTo(customers);
        assertThat(NodeCampaigns.count(
                        jdbcUrl,
                        "select count(*) from (select campaign_customer_id from evidence_entry"
                                + " where type in ('CONSENT_EXPLICIT', 'CONSENT_TACIT', 'REFUSAL_RECEIVED') group by campaign_customer_id"
                                + " having count(*) > 1) twice"))
                .as("customers with two outcomes in their evidence")
                .isZero();
        assertThat(NodeCampaigns.count(jdbcUrl, "select count(*) from evidence_entry where type = 'CONSENT_TACIT'"))
                .isEqualTo(byStatus.get("ACCEPTED_TACITLY"));

        // exactly one letter per customer reached the SMTP server
        Set<String> letterIds =
                NodeCampaigns.rows(jdbcUrl, "select message_id from mail_delivery where letter_id is not null").stream()
                        .map(r -> bare(r.get(0)))
                        .collect(Collectors.toSet());
        Map<String, Long> lettersPerCustomer = TestMailServer.mailsTo("@" + domain).stream()
                .filter(m -> letterIds.contains(bare(messageId(m))))
                .collect(Collectors.groupingBy(ClusterTest::recipient, Collectors.counting()));
        assertThat(lettersPerCustomer).as("customers who received their letter").hasSize(customers);
        assertThat(lettersPerCustomer.values()).as("letters per customer").containsOnly(1L);

        // every accepted customer is registered on the platform, and no one twice
        long accepted =
                byStatus.getOrDefault("ACCEPTED_TACITLY", 0L) + byStatus.getOrDefault("ACCEPTED_EXPLICITLY", 0L);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> NodeCampaigns.count(jdbcUrl, "select count(*) from platform_registration") >= accepted);
        assertThat(NodeCampaigns.count(jdbcUrl, "select count(*) from company_check where outcome <> 'MATCHES'"))
                .as("companies the registry did not confirm")
                .isZero();
        Map<String, Long> callsPerKey =
                outside.findAll(postRequestedFor(urlPathEqualTo("/platform/registrations"))).stream()
                        .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        assertThat(callsPerKey).as("customers registered").hasSize((int) accepted);
        assertThat(callsPerKey.values()).as("registration calls per customer").containsOnly(1L);
        assertThat(NodeCampaigns.count(jdbcUrl, "select count(*) from platform_registration"))
                .isEqualTo(accepted);

        // both nodes did the work, the deadline timers included
        Map<String, Long> jobsPerNode = NodeCampaigns.counts(
                jdbcUrl,
                "select hostname_, count(*) from act_hi_job_log"
                        + " where job_state_ = 2 group by hostname_ order by hostname_");
        Map<String, Long> deadlinesPerNode = NodeCampaigns.counts(
                jdbcUrl,
                "select hostname_, count(*) from act_hi_job_log"
                        + " where job_state_ = 2 and act_id_ = 'Event_DeadlineReached' group by hostname_ order by hostname_");
        assertThat(jobsPerNode).containsOnlyKeys("node-a", "node-b");
        assertThat(deadlinesPerNode).containsOnlyKeys("node-a", "node-b");
        assertThat(deadlinesPerNode.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(customers - answers.size());

        long conflicts = NodeCampaigns.count(
                jdbcUrl,
                "select count(*) from act_hi_job_log where job_state_ = 1"
                        + " and job_exception_msg_ like '%updated by another transaction concurrently%'");
        long firstTacitMillis = NodeCampaigns.count(
                jdbcUrl,
                "select (extract(epoch from min(e.occurred_at) - min(c.response_deadline)) * 1000)::bigint"
                        + " from evidence_entry e join campaign_customer c on c.id = e.campaign_customer_id"
                        + " where e.type = 'CONSENT_TACIT'");
        System.out.printf(
                "cluster: %d customers, outcomes %s, %d registered; jobs per node %s, deadline timers per node %s;"
                        + " first tacit acceptance %d ms after the deadline;"
                        + " %d conflicts between nodes, each retried at once; %d s from approval to the last registration%n",
                customers,
                byStatus,
                accepted,
                jobsPerNode,
                deadlinesPerNode,
                firstTacitMillis,
                conflicts,
                Duration.between(approved, Instant.now()).toSeconds());
    }

    @Test
    void a_node_stopped_gracefully_hands_its_jobs_back_at_once_and_a_restarted_node_deploys_no_new_version() {
        int customers = 400;
        String jdbcUrl = EmbeddedPostgres.createDatabase("cluster_graceful");
        String code = "TERM-" + System.currentTimeMillis() % 100000;
        String domain = code.toLowerCase() + ".example";
        // the default lock time (5 minutes): jobs left locked by the stopped node would wait that long
        Map<String, String> settings = Map.of(
                "campaign.dispatch.wave-interval", "2s",
                "campaign.public-base-url", PUBLIC_URL,
                "logging.level.fr.einvoicing.adoption.mail.SendOnce", "WARN",
                "campaign.supplier.legal-name", "Atelier Dupont Distribution SAS",
                "campaign.supplier.siren", "732829320",
                "campaign.supplier.address", "12 rue des Tanneurs, 69002 Lyon");
        AppNode stopped = start("term-a", jdbcUrl, settings);
        AppNode other = start("term-b", jdbcUrl, settings);
        String definitions =
                "select key_ || ':' || version_, count(*) from act_re_procdef group by key_, version_ order by 1";
        Map<String, Long> deployed = NodeCampaigns.counts(jdbcUrl, definitions);
        assertThat(deployed)
                .as("process definitions after two nodes started")
                .isNotEmpty()
                .allSatisfy((keyAndVersion, count) -> assertThat(keyAndVersion).endsWith(":1"));

        StaffClient operator = stopped.staff(AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
        NodeCampaigns.addApprover(operator);
        String campaignProcess = NodeCampaigns.create(
                operator,
                NodeCampaigns.settings(
                        code,
                        LocalDateTime.now(PARIS)
                                .plusDays(30)
                                .withHour(18)
                                .withMinute(0)
                                .withSecond(0)
                                .withNano(0)),
                NodeCampaigns.customers(customers, domain),
                customers);
        NodeCampaigns.approve(other.staff(NodeCampaigns.APPROVER, NodeCampaigns.APPROVER_PASSWORD), campaignProcess);

        String heldByStopped = "select count(*) from act_ru_job where lock_owner_ like 'term-a:%'";
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> TestMailServer.mailsTo("@" + domain).size() >= customers / 4
                        && NodeCampaigns.count(jdbcUrl, heldByStopped) > 0);
        long heldBefore = NodeCampaigns.count(jdbcUrl, heldByStopped);
        int logBefore = stopped.logText().length();
        Instant stop = Instant.now();
        stopped.stop();
        Duration stopTook = Duration.between(stop, Instant.now());
        int outAtStop = TestMailServer.mailsTo("@" + domain).size();

        assertThat(NodeCampaigns.count(jdbcUrl, heldByStopped))
                .as("jobs still locked by the stopped node")
                .isZero();
        // it finishes what is running, hands back what it had queued, and takes nothing new: at most what one
        // node can hold at once (10 job threads, 3 queued, 3 just acquired); without the graceful stop it
        // kept acquiring and running jobs for some 20 seconds after SIGTERM
        long ranAfterStop = NodeCampaigns.count(
                jdbcUrl,
                "select count(*) from act_hi_job_log where hostname_ = 'term-a'"
                        + " and job_state_ = 2 and timestamp_ > '" + java.sql.Timestamp.from(stop) + "'");
        assertThat(ranAfterStop)
                .as("jobs the stopped node still ran after SIGTERM")
                .isLessThanOrEqualTo(16);
        assertThat(stopped.logText().substring(logBefore)).contains("Graceful stop of node term-a");
        assertThat(outAtStop).as("stopped mid-wave").isLessThan(customers);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> NodeCampaigns.count(jdbcUrl, "select count(*) from mail_delivery where status = 'SENT'")
                        == customers);
        Duration allOut = Duration.between(stop, Instant.now());
        assertThat(allOut)
                .as("the other node finished well within the 5-minute lock time")
                .isLessThan(Duration.ofMinutes(2));
        assertThat(NodeCampaigns.count(
                        jdbcUrl,
                        "select count(distinct campaign_customer_id) from mail_delivery" + " where status = 'SENT'"))
                .isEqualTo(customers);
        Map<String, Long> perRecipient = TestMailServer.mailsTo("@" + domain).stream()
                .collect(Collectors.groupingBy(ClusterTest::recipient, Collectors.counting()));
        assertThat(perRecipient).hasSize(customers);
        assertThat(perRecipient.values())
                .as("a graceful stop sends nothing twice")
                .containsOnly(1L);

        int logBeforeRestart = stopped.logText().length();
        AppNode restarted = start("term-a", jdbcUrl, settings);
        assertThat(NodeCampaigns.counts(jdbcUrl, definitions))
                .as("process definitions after a restart")
                .isEqualTo(deployed);
        // the node's log file continues across its runs: read only what the restart wrote
        assertThat(restarted.logText().substring(logBeforeRestart)).doesNotContain("ERROR");

        System.out.printf(
                "graceful stop: %d job(s) held by term-a just before SIGTERM, %d run by it after, stop took %d ms,"
                        + " %d of %d letters out at the stop, all out %d s after it; %d definitions, unchanged by the restart%n",
                heldBefore,
                ranAfterStop,
                stopTook.toMillis(),
                outAtStop,
                customers,
                allOut.toSeconds(),
                deployed.size());
    }

    private AppNode start(String name, String jdbcUrl, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("campaign.node-name", name);
        AppNode node = AppNode.start(name, jdbcUrl, all);
        nodes.add(node);
        return node;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bare(String messageId) {
        return messageId == null
                ? ""
                : messageId.replace("<", "").replace(">", "").trim();
    }
}
