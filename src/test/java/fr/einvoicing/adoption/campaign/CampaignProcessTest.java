package fr.einvoicing.adoption.campaign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.security.Groups;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static fr.einvoicing.adoption.campaign.process.CampaignProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every path of bpmn/adoption-campaign.bpmn, with time moved by hand. */
class CampaignProcessTest extends EngineTestSupport {

    @Autowired
    IdentityService identityService;

    @Autowired
    DispatchSettings dispatch;

    private Campaign create(CampaignSettings settings, int customerCount, String extraLines) throws Exception {
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= customerCount; i++) {
            csv.append("C")
                    .append(i)
                    .append(";Boulangerie C")
                    .append(i)
                    .append(";Julie Martin;c")
                    .append(i)
                    .append('+')
                    .append(settings.code().toLowerCase())
                    .append("@customer.example;412345670;41234567000019;fr;sme;anna\n");
        }
        csv.append(extraLines);
        var created = creation.create(
                settings,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "claire",
                n -> {},
                true);
        runJobs();
        return created.campaign();
    }

    private Task campaignTask(Campaign campaign, String key) {
        return taskService
                .createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .taskDefinitionKey(key)
                .singleResult();
    }

    private void completeAs(String user, Task task, Map<String, Object> vars) {
        identityService.setAuthentication(user, List.of(Groups.CAMPAIGN_MANAGERS));
        try {
            taskService.complete(task.getId(), vars);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private long started(Campaign campaign) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("customer-adoption")
                .processInstanceBusinessKeyLike(campaign.code() + ":%")
                .count();
    }

    private static CampaignSettings withoutSupport(CampaignSettings n) {
        return new CampaignSettings(
                n.code(),
                n.name(),
                n.defaultLanguage(),
                n.responseDeadline(),
                n.deadlineZone(),
                n.reminderBefore(),
                n.silenceMeansAcceptance(),
                n.firstEinvoiceDate(),
                null,
                null,
                null,
                false,
                n.contactName(),
                n.contactEmail(),
                n.contactPhone(),
                n.termsVersion(),
                n.termsUrl(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                n.issuerSize(),
                n.letterTemplate());
    }

    @Test
    void rejected_rows_are_reviewed_then_the_campaign_continues_without_them() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = create(settings.toSettings(), 2, "BAD;Garage;X;not-an-email;;;fr;sme;anna\n");

        Task review = campaignTask(campaign, TASK_REVIEW_IMPORT_ERRORS);
        assertThat(review).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(review.getId()))
                .extracting(IdentityLink::getGroupId)
                .containsExactly(Groups.CAMPAIGN_MANAGERS);
        assertThat(taskService.getVariable(review.getId(), IMPORT_PROBLEMS)).isEqualTo(1L);
        assertThat(started(campaign)).as("nothing sent before approval").isZero();

        completeAs("claire", review, Map.of(IMPORT_DECISION, "CONTINUE"));
        assertThat(campaignTask(campaign, TASK_APPROVE))
                .as("a clean letter goes straight to approval")
                .isNotNull();
    }

    /** PUT /api/campaigns/{code}/customer-file as a campaign manager, over HTTP, multipart. */
    private java.net.http.HttpResponse<String> replaceFileOverApi(Campaign campaign, String fileContent)
            throws Exception {
        return replaceFileOverApi(campaign, fileContent, "en");
    }

    private java.net.http.HttpResponse<String> replaceFileOverApi(
            Campaign campaign, String fileContent, String language) throws Exception {
        String boundary = "----campaign" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"customers\"; filename=\"corrected.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + fileContent + "\r\n--" + boundary + "--\r\n";
        String credentials =
                java.util.Base64.getEncoder().encodeToString("claire:demo".getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/api/campaigns/" + campaign.code() + "/customer-file"))
                .header("Authorization", "Basic " + credentials)
                .header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void a_corrected_file_replaces_the_first_one_and_is_checked_the_same_way() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = create(settings.toSettings(), 2, "BAD;Garage;X;not-an-email;;;fr;sme;anna\n");
        String header = "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n";

        var notACsv = replaceFileOverApi(campaign, "PK\u0003\u0004 a spreadsheet");
        assertThat(notACsv.statusCode()).isEqualTo(422);
        assertThat(notACsv.body()).contains("not a CSV file");
        var inFrench = replaceFileOverApi(campaign, "customer_id;company_name\nC9;Sans colonnes\n", "fr");
        assertThat(inFrench.statusCode()).isEqualTo(422);
        assertThat(inFrench.body())
                .as("a whole file refused, in the request's language")
                .contains("Il manque à la ligne d’en-tête les colonnes obligatoires contact_name, email");
        assertThat(customers.count(campaign.id()))
                .as("an unreadable file leaves the first one in place")
                .isEqualTo(2);
        assertThat(campaignTask(campaign, TASK_REVIEW_IMPORT_ERRORS)).isNotNull();

        var stillWrong = replaceFileOverApi(
                campaign,
                header + "N1;Nouvelle;A;n1@customer.example;;;fr;sme;anna\n" + "N2;Sans adresse;A;;;;fr;sme;anna\n");
        assertThat(stillWrong.statusCode()).isEqualTo(200);
        assertThat(stillWrong.body()).contains("\"imported\":1", "\"rejected\":1");
        Task again = campaignTask(campaign, TASK_REVIEW_IMPORT_ERRORS);
        assertThat(again).as("the new file has a rejected row: reviewed again").isNotNull();
        assertThat(taskService.getVariable(again.getId(), IMPORT_PROBLEMS)).isEqualTo(1L);

        var corrected = replaceFileOverApi(
                campaign,
                header
                        + "N1;Nouvelle;A;n1@customer.example;;;fr;sme;anna\n"
                        + "N2;Avec adresse;A;n2@customer.example;;;fr;sme;anna\n"
                        + "N3;Troisième;A;n3@customer.example;;;fr;sme;anna\n");
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.body()).contains("\"imported\":3", "\"rejected\":0");
        runJobs();
        assertThat(campaignTask(campaign, TASK_REVIEW_IMPORT_ERRORS)).isNull();
        assertThat(campaignTask(campaign, TASK_APPROVE))
                .as("clean file, clean letter: approval")
                .isNotNull();
        assertThat(customers.count(campaign.id())).isEqualTo(3);
        assertThat(customers.findByCustomerId(campaign.id(), "C1"))
                .as("the first file's customers are gone")
                .isEmpty();
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(again.getProcessInstanceId())
                        .variableName(IMPORT_DECISION)
                        .singleResult()
                        .getValue())
                .isEqualTo("REPLACED");

        assertThat(replaceFileOverApi(campaign, header + "N4;X;A;n4@customer.example;;;fr;sme;anna\n")
                        .statusCode())
                .as("past the review, the file stays")
                .isEqualTo(409);
    }

    @Test
    void a_campaign_whose_rows_are_not_accepted_is_cancelled_and_sends_nothing() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = create(settings.toSettings(), 1, "BAD;Garage;X;not-an-email;;;fr;sme;anna\n");
        completeAs("claire", campaignTask(campaign, TASK_REVIEW_IMPORT_ERRORS), Map.of(IMPORT_DECISION, "CANCEL"));
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(started(campaign)).isZero();
    }

    @Test
    void a_letter_with_findings_waits_for_revision_and_the_approver_can_send_it_back() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = create(withoutSupport(settings.toSettings()), 1, "");

        Task revise = campaignTask(campaign, TASK_REVISE_LETTER);
        assertThat(revise)
                .as("no webinar, no FAQ: the support element is missing")
                .isNotNull();
        assertThat(taskService.getVariable(revise.getId(), LETTER_FINDINGS).toString())
                .contains("Courrier en français · Manque : L’accompagnement proposé");

        completeAs("claire", revise, Map.of(REVISE_DECISION, "RECHECK"));
        revise = campaignTask(campaign, TASK_REVISE_LETTER);
        assertThat(revise)
                .as("still the same letter: checked again, still there")
                .isNotNull();

        completeAs("claire", revise, Map.of(REVISE_DECISION, "SEND_AS_IS"));
        Task approve = campaignTask(campaign, TASK_APPROVE);
        completeAs("marc", approve, Map.of(APPROVAL_DECISION, "REJECT", APPROVAL_COMMENT, "Add the webinar date"));
        assertThat(campaignTask(campaign, TASK_REVISE_LETTER)).as("sent back").isNotNull();
        assertThat(started(campaign)).isZero();
    }

    @Test
    void the_creator_cannot_approve_and_approved_letters_go_out_in_throttled_waves_that_can_pause() throws Exception {
        TestCampaign settings = campaign();
        // 24 letters an hour, a wave every 5 minutes: 2 customers a wave
        Campaign campaign = create(settings.toSettings(24), 5, "");
        Task approve = campaignTask(campaign, TASK_APPROVE);

        assertThatThrownBy(() -> completeAs("claire", approve, Map.of(APPROVAL_DECISION, "APPROVE")))
                .hasMessageContaining("Four-eyes");
        assertThatThrownBy(() -> taskService.claim(approve.getId(), "claire"))
                .as("the creator cannot even claim it")
                .hasMessageContaining("Four-eyes");
        assertThat(started(campaign)).isZero();

        completeAs("marc", approve, Map.of(APPROVAL_DECISION, "APPROVE"));
        runJobs();
        assertThat(started(campaign)).as("first wave").isEqualTo(2);
        assertThat(mailsTo("+" + campaign.code().toLowerCase() + "@customer.example"))
                .hasSize(2);

        assertThat(lifecycle.pause(campaign)).isTrue();
        moveClock(dispatch.waveInterval().multipliedBy(3));
        runJobs();
        assertThat(started(campaign)).as("paused: no new wave").isEqualTo(2);

        assertThat(lifecycle.resume(campaign)).isTrue();
        runJobs();
        assertThat(started(campaign)).as("resumed: next wave").isEqualTo(4);
        moveClock(dispatch.waveInterval().plusSeconds(1));
        runJobs();
        assertThat(started(campaign)).isEqualTo(5);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void the_campaign_closes_when_everyone_is_settled_after_the_deadline_and_grace() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = create(settings.toSettings(), 2, "");
        completeAs("marc", campaignTask(campaign, TASK_APPROVE), Map.of(APPROVAL_DECISION, "APPROVE"));
        runJobs();
        assertThat(started(campaign)).isEqualTo(2);
        new Browserless()
                .answer(
                        onlyMailTo("c1+" + campaign.code().toLowerCase() + "@customer.example")
                                .responseLink(),
                        Map.of("decision", "REFUSE", "refusalReason", "PREFER_PAPER"));

        // deadline and grace pass: C2 tacitly accepted, C1's refusal still being handled
        moveClockTo(
                settings.deadline().toInstant().plus(dispatch.closingGrace()).plusSeconds(1));
        runJobs();
        assertThat(campaignTask(campaign, TASK_REVIEW_RESULTS))
                .as("a refusal is still open")
                .isNull();

        Task refusal = taskService
                .createTaskQuery()
                .processInstanceBusinessKey(campaign.code() + ":C1")
                .taskDefinitionKey("Task_HandleRefusal")
                .singleResult();
        identityService.setAuthentication("anna", List.of(Groups.ACCOUNT_MANAGERS));
        try {
            taskService.complete(refusal.getId(), Map.of("refusalOutcome", "MAINTAINED", "outcomeNote", ""));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(customer(campaign, "C1").status()).isEqualTo(CustomerStatus.REFUSED);

        moveClock(dispatch.settledCheck().plusSeconds(1));
        runJobs();
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.CLOSED);
        Task review = campaignTask(campaign, TASK_REVIEW_RESULTS);
        assertThat(review).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(review.getId()))
                .extracting(IdentityLink::getGroupId)
                .containsExactly(Groups.CAMPAIGN_MANAGERS);
        assertThat(taskService.getVariable(review.getId(), FOLLOW_UP_CANDIDATES))
                .as("offered in the review form")
                .isEqualTo(1L);
        completeAs("claire", review, Map.of("conclusions", "One refusal: next wave in March"));
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .processInstanceBusinessKey(campaign.code())
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo("End_Closed");
        assertThat(Duration.between(settings.deadline().toInstant(), now)).isPositive();

        // the follow-up campaign, pre-filled with the one who refused
        var prefilled = asCampaignManager("GET", "/campaigns/" + campaign.code() + "/follow-up", null, null);
        assertThat(prefilled.statusCode()).isEqualTo(200);
        assertThat(prefilled.body())
                .contains("Follow-up of campaign " + campaign.code())
                .contains("value=\"" + campaign.code() + "-R\"")
                .contains("<strong>1</strong> customers");
        String followUpCode = campaign.code() + "-R";
        var created = asCampaignManager(
                "POST",
                "/api/campaigns/" + campaign.code() + "/follow-up",
                "application/json",
                """
                {"code": "%s", "name": "Relance", "defaultLanguage": "fr", "responseDeadline": "%s",
                 "deadlineZone": "Europe/Paris", "silenceMeansAcceptance": false, "showTaxFaq": false,
                 "contactName": "Claire Martin", "contactEmail": "claire.martin@example.com"}
                """
                        .formatted(
                                followUpCode,
                                now.atZone(PARIS).plusDays(30).toLocalDateTime().withNano(0)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"customers\":1");
        Campaign followUp = campaigns.findByCode(followUpCode).orElseThrow();
        var carried = customer(followUp, "C1");
        assertThat(carried.status()).isEqualTo(CustomerStatus.NEW);
        assertThat(carried.businessKey()).isEqualTo(followUpCode + ":C1");
        assertThat(customers.findByCustomerId(followUp.id(), "C2"))
                .as("accepted customers are not asked again")
                .isEmpty();
        runJobs();
        assertThat(started(followUp))
                .as("nothing sent before its own check and approval")
                .isZero();
        assertThat(campaignTask(followUp, TASK_REVISE_LETTER))
                .as("no webinar given for the follow-up: its letter check asks for a revision")
                .isNotNull();
    }

    private java.net.http.HttpResponse<String> asCampaignManager(
            String method, String path, String contentType, String body) throws Exception {
        String credentials =
                java.util.Base64.getEncoder().encodeToString("claire:demo".getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                .header("Authorization", "Basic " + credentials);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return java.net.http.HttpClient.newHttpClient()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
