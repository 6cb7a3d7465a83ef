package fr.einvoicing.adoption.mail;

import java.time.Duration;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.sandbox.MailSandbox;
import fr.einvoicing.adoption.security.Groups;
import fr.einvoicing.adoption.support.EngineTestBase;
import fr.einvoicing.adoption.support.FreePorts;

import static fr.einvoicing.adoption.process.CustomerAdoptionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mail relay says back, through a real SMTP server that can refuse recipients and go
 * down: the application's own sandbox (GreenMail accepts every recipient).
 */
class MailRelayFailureTest extends EngineTestBase {

    private static final int HTTP_PORT = FreePorts.next();
    private static final int SMTP_PORT = FreePorts.next();

    @DynamicPropertySource
    static void sandboxRelay(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("campaign.public-base-url", () -> "http://localhost:" + HTTP_PORT);
        registry.add("campaign.mail-sandbox.enabled", () -> "true");
        registry.add("campaign.mail-sandbox.port", () -> SMTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    MailSandbox sandbox;

    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    @Autowired
    fr.einvoicing.adoption.report.CampaignDashboard dashboard;

    @Override
    protected String baseUrl() {
        return "http://localhost:" + HTTP_PORT;
    }

    @Test
    void recipient_refused_by_the_mail_server_lands_as_reach_customer_another_way() {
        TestCampaign settings = campaign();
        var good = customerLine(settings, "OK", "sme");
        var bad = new CustomerLine(
                "BAD",
                "Cabinet Dubois",
                "Marc Dubois",
                "contact@cabinet-dubois.invalid",
                "412345670",
                "41234567000019",
                "fr",
                "micro",
                "anna");
        Campaign campaign = launch(settings, good, bad);

        CampaignCustomer bounced = customer(campaign, "BAD");
        assertThat(bounced.letterDelivered()).isFalse();
        assertThat(bounced.status()).isEqualTo(CustomerStatus.UNDELIVERABLE);
        var task = task(bounced, TASK_REACH_CUSTOMER);
        assertThat(task).as("a person is asked to reach the customer").isNotNull();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(Groups.CUSTOMER_SERVICE));
        var refused = evidence.entries(bounced.id()).stream()
                .filter(e -> e.type() == EvidenceType.LETTER_REFUSED_BY_MAIL_SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(refused.details()).contains("550");
        assertThat(runtimeService.createIncidentQuery().count())
                .as("a bounce is business, not an incident")
                .isZero();

        // silence can never count for this customer, even when the deadline passes
        assertThat(customer(campaign, "OK").letterDelivered()).isTrue();
        assertThat(sandbox.latest()).anySatisfy(m -> assertThat(m.recipients())
                .anySatisfy(r -> assertThat(r).contains(settings.email("ok"))));

        // once customer service gives up, the funnel still counts the bounce, and the customer as not reached
        identityService.setAuthentication("sam", java.util.List.of(Groups.CUSTOMER_SERVICE));
        try {
            taskService.complete(
                    task.getId(), java.util.Map.of("contactOutcome", "UNREACHABLE", "outcomeNote", "No other address"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(customer(campaign, "BAD").status()).isEqualTo(CustomerStatus.NOT_REACHED);
        assertThat(dashboard.of(campaign).funnel())
                .extracting(
                        fr.einvoicing.adoption.report.CampaignDashboard.Bar::label,
                        fr.einvoicing.adoption.report.CampaignDashboard.Bar::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("refusedByMailServer", 1L),
                        org.assertj.core.groups.Tuple.tuple("notReached", 1L),
                        org.assertj.core.groups.Tuple.tuple("delivered", 1L));
    }

    @Test
    void relay_outage_is_retried_with_a_delay_then_becomes_an_incident_and_sends_once_when_back() {
        TestCampaign settings = campaign();
        Campaign campaign = startJourneys(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        int mailsBefore = sandbox.latest().size();
        sandbox.stop();
        try {
            runJobsUntilSendFails(customer);
            Job send = sendJob(customer);
            assertThat(send.getRetries()).isEqualTo(5);
            assertThat(send.getDuedate().toInstant()).isAfterOrEqualTo(now.plus(Duration.ofMinutes(9)));
            assertThat(send.getExceptionMessage()).containsIgnoringCase("mail");

            for (int attempt = 0; attempt < 5; attempt++) {
                moveClock(Duration.ofMinutes(11));
                try {
                    managementService.executeJob(sendJob(customer).getId());
                } catch (RuntimeException expected) {
                    // the relay is still down
                }
            }
            Incident incident = runtimeService
                    .createIncidentQuery()
                    .processInstanceId(processInstanceId(customer))
                    .singleResult();
            assertThat(incident).as("visible in Cockpit").isNotNull();
            assertThat(incident.getActivityId()).isEqualTo(TASK_SEND_LETTER);
            assertThat(customers.get(customer.id()).letterDelivered()).isFalse();
        } finally {
            sandbox.start();
        }

        // the operator retries from Cockpit once the relay is back: one mail, not seven
        managementService.setJobRetries(sendJob(customer).getId(), 1);
        moveClock(Duration.ofMinutes(11));
        runJobs();
        assertThat(sandbox.latest()).hasSize(mailsBefore + 1);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);
    }

    private Job sendJob(CampaignCustomer customer) {
        return managementService
                .createJobQuery()
                .processInstanceId(processInstanceId(customer))
                .activityId(TASK_SEND_LETTER)
                .singleResult();
    }

    private void runJobsUntilSendFails(CampaignCustomer customer) {
        for (int i = 0; i < 5; i++) {
            var due = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId(customer))
                    .executable()
                    .list();
            if (due.isEmpty()) {
                return;
            }
            try {
                managementService.executeJob(due.get(0).getId());
            } catch (RuntimeException expected) {
                return;
            }
        }
    }
}
