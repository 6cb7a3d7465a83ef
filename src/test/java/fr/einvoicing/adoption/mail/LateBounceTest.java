package fr.einvoicing.adoption.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.user.GreenMailUser;

import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.security.Groups;
import fr.einvoicing.adoption.support.PostgresEngineTestSupport;
import fr.einvoicing.adoption.support.TestMailServer;

import static fr.einvoicing.adoption.process.CustomerAdoptionProcess.TASK_REACH_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces that arrive after the relay said 250, as most company relays send them: a delivery-status
 * notification (RFC 3464) in the bounce mailbox, read over IMAP (GreenMail), matched to its letter by
 * the letter's Message-ID.
 */
class LateBounceTest extends PostgresEngineTestSupport {

    private static final String MAILBOX = "bounces@adoption.example";
    private static final String PASSWORD = "mailbox-" + UUID.randomUUID();

    @DynamicPropertySource
    static void bounceMailbox(DynamicPropertyRegistry registry) {
        registry.add("campaign.bounces.enabled", () -> "true");
        registry.add("campaign.bounces.protocol", () -> "imap");
        registry.add("campaign.bounces.host", () -> "127.0.0.1");
        registry.add("campaign.bounces.port", TestMailServer::imapPort);
        registry.add("campaign.bounces.username", () -> MAILBOX);
        registry.add("campaign.bounces.password", () -> PASSWORD);
        // the test reads the mailbox itself
        registry.add("campaign.bounces.poll-interval", () -> "1h");
    }

    @Autowired
    BounceMailbox mailbox;

    private GreenMailUser bounces;

    @BeforeEach
    void mailboxUser() {
        bounces = TestMailServer.get().setUser(MAILBOX, MAILBOX, PASSWORD);
    }

    @Test
    void a_bounce_after_250_voids_silence_and_sends_the_customer_to_a_person_with_the_report_in_the_evidence()
            throws Exception {
        TestCampaign settings = campaign();
        var campaign = launch(settings, customerLine(settings, "C1", "sme"), customerLine(settings, "C2", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        assertThat(customer.letterDelivered()).as("the relay took it").isTrue();
        String messageId = TestMailServer.mailsTo(settings.email("c1")).get(0).getMessageID();

        String reportId = UUID.randomUUID().toString();
        bounces.deliver(dsn(settings.email("c1"), messageId, reportId));
        bounces.deliver(outOfOffice());
        var reading = mailbox.read();

        assertThat(reading).isEqualTo(new BounceMailbox.Reading(1, 1, 1));
        CampaignCustomer after = customers.get(customer.id());
        assertThat(after.status()).isEqualTo(CustomerStatus.UNDELIVERABLE);
        assertThat(after.letterDelivered()).as("silence can no longer count").isFalse();
        var task = task(after, TASK_REACH_CUSTOMER);
        assertThat(task).as("Reach customer another way").isNotNull();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(Groups.CUSTOMER_SERVICE));
        assertThat(runtimeService
                        .createEventSubscriptionQuery()
                        .processInstanceId(processInstanceId(after))
                        .eventName(fr.einvoicing.adoption.process.CustomerAdoptionProcess.MESSAGE_RESPONSE_RECEIVED)
                        .count())
                .as("no longer waiting for an answer")
                .isZero();
        var bounced = evidence.entries(customer.id()).stream()
                .filter(e -> e.type() == EvidenceType.LETTER_BOUNCED)
                .toList();
        assertThat(bounced).hasSize(1);
        assertThat(bounced.get(0).details())
                .contains("5.1.1")
                .contains(messageId)
                .contains("User unknown");
        assertThat(customers.get(customer(campaign, "C2").id()).letterDelivered())
                .as("the other customer is untouched")
                .isTrue();

        // the report left the mailbox; the out-of-office reply stays, read, for a person
        assertThat(mailbox.read()).isEqualTo(new BounceMailbox.Reading(0, 0, 0));
        // the same report again (another node, a relay that sends it twice): recorded once
        bounces.deliver(dsn(settings.email("c1"), messageId, reportId));
        assertThat(mailbox.read().recorded()).isEqualTo(1);
        assertThat(evidence.entries(customer.id()).stream().filter(e -> e.type() == EvidenceType.LETTER_BOUNCED))
                .hasSize(1);

        // at the deadline, silence does not count for the bounced customer
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        assertThat(customers.get(customer.id()).status()).isNotEqualTo(CustomerStatus.ACCEPTED_TACITLY);
        assertThat(customers.get(customer(campaign, "C2").id()).status()).isEqualTo(CustomerStatus.ACCEPTED_TACITLY);
    }

    @Test
    void a_bounce_after_tacit_acceptance_goes_to_a_person_and_is_flagged_in_the_evidence() throws Exception {
        TestCampaign settings = campaign();
        var campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String messageId = TestMailServer.mailsTo(settings.email("c1")).get(0).getMessageID();
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.ACCEPTED_TACITLY);

        bounces.deliver(dsn(settings.email("c1"), messageId, UUID.randomUUID().toString()));
        assertThat(mailbox.read().recorded()).isEqualTo(1);

        assertThat(evidence.entries(customer.id()).stream()
                        .filter(e -> e.type() == EvidenceType.BOUNCE_AFTER_ACCEPTANCE)
                        .toList())
                .singleElement()
                .satisfies(e -> assertThat(e.details()).contains(messageId).contains("5.1.1"));
        var review = taskService
                .createTaskQuery()
                .taskNameLike("Review bounce after tacit acceptance · " + settings.code() + "%")
                .taskCandidateGroup(Groups.CUSTOMER_SERVICE)
                .singleResult();
        assertThat(review)
                .as("a person reviews it, in customer service's Tasklist")
                .isNotNull();
        assertThat(review.getDescription()).contains("5.1.1").contains("/evidence-pack");
    }

    /** What a receiving server sends back when the address does not exist (as Postfix words it). */
    private static MimeMessage dsn(String recipient, String originalMessageId, String reportId) throws Exception {
        String boundary = "dsn-" + UUID.randomUUID();
        String text =
                """
                From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.customer.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="%s"

                --%s
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.customer.example.
                I'm sorry to have to inform you that your message could not be delivered.

                --%s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.customer.example
                Arrival-Date: Mon, 7 Dec 2026 09:00:00 +0100

                Final-Recipient: rfc822; %s
                Original-Recipient: rfc822;%s
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mail.customer.example
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown

                --%s
                Content-Type: text/rfc822-headers

                From: Service facturation <facturation@example.com>
                To: %s
                Subject: Passage a la facture electronique
                Message-ID: %s

                --%s--
                """
                        .formatted(
                                MAILBOX,
                                reportId,
                                boundary,
                                boundary,
                                boundary,
                                recipient,
                                recipient,
                                recipient,
                                boundary,
                                recipient,
                                originalMessageId,
                                boundary)
                        .replace("\n", "\r\n");
        return new MimeMessage(
                Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MimeMessage outOfOffice() throws Exception {
        String text =
                """
                From: Julie Martin <julie@customer.example>
                To: %s
                Subject: Absence du bureau
                Message-ID: <%s@customer.example>
                Content-Type: text/plain; charset=utf-8

                Je suis absente jusqu'au 4 janvier.
                """
                        .formatted(MAILBOX, UUID.randomUUID())
                        .replace("\n", "\r\n");
        return new MimeMessage(
                Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
