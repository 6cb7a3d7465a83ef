package fr.einvoicing.adoption.campaign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import fr.einvoicing.adoption.support.EngineTestSupport;

import static fr.einvoicing.adoption.campaign.process.CampaignProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wave larger than one slice (here 3 journeys) is started by several jobs one after the other, each
 * committing its journeys, without waiting for the next wave's time.
 */
@TestPropertySource(properties = "campaign.dispatch.wave-slice=3")
class WaveSliceTest extends EngineTestSupport {

    @Autowired
    IdentityService identityService;

    @Test
    void a_wave_larger_than_a_slice_goes_on_at_once_in_further_jobs() throws Exception {
        TestCampaign settings = campaign();
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= 7; i++) {
            csv.append("W%d;Boulangerie W%d;Julie Martin;w%d+%s@customer.example;412345670;41234567000019;fr;sme;anna\n"
                    .formatted(i, i, i, settings.code().toLowerCase()));
        }
        // 600 letters an hour, a wave every 5 minutes: 50 customers a wave, started 3 by 3
        Campaign campaign = creation.create(
                        settings.toSettings(600),
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        "claire",
                        n -> {},
                        true)
                .campaign();
        runJobs();
        Task approve = taskService
                .createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .taskDefinitionKey(TASK_APPROVE)
                .singleResult();
        identityService.setAuthentication("marc", java.util.List.of("campaign-managers"));
        try {
            taskService.complete(approve.getId(), Map.of(APPROVAL_DECISION, "APPROVE"));
        } finally {
            identityService.clearAuthentication();
        }

        runJobs(); // the clock does not move: the slices follow one another at once

        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processDefinitionKey("customer-adoption")
                        .processInstanceBusinessKeyLike(campaign.code() + ":%")
                        .count())
                .as("every customer of the wave started")
                .isEqualTo(7);
        assertThat(mailsTo("+" + campaign.code().toLowerCase() + "@customer.example"))
                .hasSize(7);
        String campaignProcess = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .singleResult()
                .getId();
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(campaignProcess)
                        .activityId(TASK_START_WAVE)
                        .count())
                .as("three slices: 3, 3 and 1")
                .isEqualTo(3);
    }
}
