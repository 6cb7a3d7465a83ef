package fr.einvoicing.adoption.mail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.process.CustomerAdoptionProcess;
import fr.einvoicing.adoption.support.PostgresEngineTestSupport;
import fr.einvoicing.adoption.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;

/**
 * The window a crash can hit: the relay said 250, and the node dies before recording it. The record
 * is made to fail once, as the crash would; everything else is real (PostgreSQL, GreenMail, the
 * customer's journey). The retried job sends the same mail again, and says so in the evidence.
 */
class InterruptedSendingTest extends PostgresEngineTestSupport {

    @MockitoSpyBean
    MailDeliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_letter_sent_again_after_an_interrupted_attempt_is_the_same_mail_and_the_repeat_is_in_the_evidence()
            throws Exception {
        TestCampaign settings = campaign();
        var campaign = startJourneys(settings, customerLine(settings, "C1", "sme"));
        var customer = customer(campaign, "C1");
        Mockito.doThrow(new IllegalStateException("the node died before the relay's answer was recorded"))
                .doCallRealMethod()
                .when(deliveries)
                .sent(any(), any());

        Job send = runUntilSendLetter(processInstanceId(customer));
        assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("node died");
        assertThat(TestMailServer.mailsTo(settings.email("c1")))
                .as("the relay took the first one")
                .hasSize(1);
        assertThat(jdbc.sql("select status from mail_delivery where campaign_customer_id = ?")
                        .param(customer.id())
                        .query(String.class)
                        .single())
                .isEqualTo("SENDING");

        managementService.executeJob(send.getId());
        runJobs();

        var mails = TestMailServer.mailsTo(settings.email("c1"));
        assertThat(mails)
                .as("the customer may get it twice: that is the price of never losing it")
                .hasSize(2);
        assertThat(mails.get(1).getMessageID())
                .as("the same Message-ID, which mail clients use to fold repeats")
                .isNotBlank()
                .isEqualTo(mails.get(0).getMessageID());
        var first = mailsTo(settings.email("c1")).get(0);
        var second = mailsTo(settings.email("c1")).get(1);
        assertThat(second.responseLink()).as("the same personal link").isEqualTo(first.responseLink());
        String path = URI.create(first.responseLink()).getPath();
        var page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the link works").isEqualTo(200);

        var sent = evidence.entries(customer.id()).stream()
                .filter(e -> e.type() == EvidenceType.LETTER_SENT)
                .toList();
        assertThat(sent)
                .as("one sending in the evidence, flagged as a possible repeat")
                .hasSize(1);
        assertThat(sent.get(0).summary()).contains("may have received it twice");
        assertThat(sent.get(0).details())
                .contains("\"possibleRepeat\":true")
                .contains(mails.get(0).getMessageID());

        var row = jdbc.sql("select status, attempts, interrupted_attempts, link_token from mail_delivery"
                        + " where campaign_customer_id = ?")
                .param(customer.id())
                .query((rs, i) -> List.of(rs.getString(1), rs.getInt(2), rs.getInt(3), String.valueOf(rs.getString(4))))
                .single();
        assertThat(row).containsExactly("SENT", 2, 1, "null");
        assertThat(customers.get(customer.id()).letterDelivered()).isTrue();
        assertThat(jdbc.sql("select count(*) from response_token where campaign_customer_id = ? and revoked_at is null")
                        .param(customer.id())
                        .query(Long.class)
                        .single())
                .as("one link, still valid")
                .isEqualTo(1);
    }

    private Job runUntilSendLetter(String processInstanceId) {
        for (int run = 0; run < 20; run++) {
            Job send = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .activityId(CustomerAdoptionProcess.TASK_SEND_LETTER)
                    .singleResult();
            if (send != null) {
                return send;
            }
            Job next = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .executable()
                    .singleResult();
            assertThat(next).as("a job of the journey").isNotNull();
            managementService.executeJob(next.getId());
        }
        throw new AssertionError("The journey never reached Send letter");
    }
}
