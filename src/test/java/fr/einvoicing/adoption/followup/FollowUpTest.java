package fr.einvoicing.adoption.followup;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.followup.process.FollowUpVariables;
import fr.einvoicing.adoption.history.process.ProcessHistory;
import fr.einvoicing.adoption.security.Groups;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestBase;
import fr.einvoicing.adoption.support.FreePorts;
import fr.einvoicing.adoption.support.TestMailServer;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static fr.einvoicing.adoption.followup.process.FollowUpVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follow-ups after acceptance, with the company registry and the invoicing platform played by
 * WireMock over real HTTP, through the BPMN's Camunda Connect calls.
 */
class FollowUpTest extends EngineTestBase {

    private static final int HTTP_PORT = FreePorts.next();
    private static final WireMockServer outside =
            new WireMockServer(WireMockConfiguration.options().port(FreePorts.next()));

    static {
        outside.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("campaign.public-base-url", () -> "http://localhost:" + HTTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("campaign.follow-ups.enabled", () -> "true");
        registry.add("campaign.registry.base-url", () -> "http://localhost:" + outside.port() + "/registry");
        registry.add("campaign.registry.read-timeout", () -> "1s");
        registry.add("campaign.platform.base-url", () -> "http://localhost:" + outside.port() + "/platform");
        registry.add("campaign.platform.token", () -> "test-platform-token");
        registry.add("campaign.platform.read-timeout", () -> "1s");
    }

    @AfterAll
    static void stopOutside() {
        outside.stop();
    }

    @Autowired
    IdentityService identityService;

    @Autowired
    CompanyChecks checks;

    @Autowired
    FollowUpPlanner planner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** How many calls to {@code service} the operators' metrics counted with {@code outcome}. */
    private long calls(String service, String outcome) {
        var timer = meters.find("adoption.outside.calls")
                .tags("service", service, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Override
    protected String baseUrl() {
        return "http://localhost:" + HTTP_PORT;
    }

    @BeforeEach
    void resetOutside() {
        outside.resetAll();
        outside.stubFor(post(urlPathEqualTo("/platform/registrations"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"registrationId\":\"REG-42\",\"status\":\"REGISTERED\"}")));
    }

    private static String registryAnswer(
            String siren, String siret, String name, String companyState, String siretState) {
        return """
                {"results":[{"siren":"%s","nom_complet":"%s","nom_raison_sociale":"%s","etat_administratif":"%s",
                  "siege":{"siret":"%s00011","etat_administratif":"A"},
                  "matching_etablissements":[{"siret":"%s","etat_administratif":"%s"}]}],
                 "total_results":1,"page":1,"per_page":10}"""
                .formatted(siren, name, name, companyState, siren, siret, siretState);
    }

    private void registryKnows(String query, String body) {
        outside.stubFor(get(urlPathEqualTo("/registry/search"))
                .withQueryParam("q", equalTo(query))
                .willReturn(okJson(body)));
    }

    private CampaignCustomer acceptedCustomer(TestCampaign settings, String id, Map<String, String> answer) {
        Campaign campaign = launch(settings, customerLine(settings, id, "sme"));
        Map<String, String> form = new HashMap<>(Map.of(
                "decision",
                "ACCEPT",
                "siren",
                "412345670",
                "siret",
                "41234567000019",
                "invoicingContactName",
                "Julie Martin"));
        form.putAll(answer);
        var page = new Browserless()
                .answer(onlyMailTo(settings.email(id.toLowerCase())).responseLink(), form);
        assertThat(page.status()).isEqualTo(302);
        return customer(campaign, id);
    }

    private String followUpInstance(CampaignCustomer customer) {
        var instance = historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(customer.businessKey())
                .singleResult();
        assertThat(instance)
                .as("follow-ups started for " + customer.businessKey())
                .isNotNull();
        return instance.getId();
    }

    private Task followUpTask(CampaignCustomer customer, String key) {
        return taskService
                .createTaskQuery()
                .processInstanceId(followUpInstance(customer))
                .taskDefinitionKey(key)
                .singleResult();
    }

    private Job followUpJob(CampaignCustomer customer, String activity) {
        return managementService
                .createJobQuery()
                .processInstanceId(followUpInstance(customer))
                .activityId(activity)
                .singleResult();
    }

    private void completeAs(String user, String group, Task task, Map<String, Object> vars) {
        identityService.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), vars);
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void confirmed_company_is_registered_on_the_platform_once_with_its_preferences() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(
                settings,
                "C1",
                Map.of("wantedFormat", "UBL", "deliveryMode", "WEEKLY_DIGEST", "usesSupplierTool", "NO"));

        runJobs();

        var check = checks.ofCustomer(customer.id());
        assertThat(check).singleElement().satisfies(c -> {
            assertThat(c.found()).isTrue();
            assertThat(c.outcome()).isEqualTo(CHECK_MATCHES);
            assertThat(c.registryName()).isEqualTo("BOULANGERIE C1");
        });
        outside.verify(
                1,
                postRequestedFor(urlPathEqualTo("/platform/registrations"))
                        .withHeader("Authorization", equalTo("Bearer test-platform-token"))
                        .withHeader("Idempotency-Key", equalTo("adoption:" + customer.businessKey() + ":registration"))
                        .withRequestBody(matchingJsonPath("$.siret", equalTo("41234567000019")))
                        .withRequestBody(matchingJsonPath("$.format", equalTo("UBL")))
                        .withRequestBody(matchingJsonPath("$.deliveryMode", equalTo("WEEKLY_DIGEST"))));
        assertThat(jdbc.sql("select platform_reference from platform_registration where customer_ref = ?")
                        .param(customer.id())
                        .query(String.class)
                        .single())
                .isEqualTo("REG-42");
        assertThat(evidenceTypes(customer))
                .containsSubsequence(
                        EvidenceType.CONSENT_EXPLICIT,
                        EvidenceType.FOLLOW_UPS_STARTED,
                        EvidenceType.COMPANY_CHECKED,
                        EvidenceType.PLATFORM_REGISTERED);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(followUpInstance(customer))
                        .activityId("End_Registered")
                        .finished()
                        .count())
                .isEqualTo(1);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(followUpInstance(customer))
                        .activityId("End_NoInteropNeeded")
                        .finished()
                        .count())
                .as("no tool named")
                .isEqualTo(1);
        assertThat(runtimeService
                        .createVariableInstanceQuery()
                        .variableName(REGISTRY_ANSWER)
                        .count())
                .isZero();

        // what the follow-ups start with from our records stays out of history, but the identifiers
        var start = planner.plan(customer.id(), settings.code()).orElseThrow();
        assertThat(ProcessHistory.RECORD_COPIES)
                .containsAll(FollowUpVariables.startedWith(start).keySet().stream()
                        .filter(name -> !ProcessHistory.IDENTIFIERS.contains(name))
                        .toList());
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(followUpInstance(customer))
                        .list())
                .extracting(v -> v.getName())
                .contains(FollowUpVariables.CUSTOMER_ID, FollowUpVariables.CAMPAIGN_CODE, PLATFORM_REFERENCE)
                .doesNotContain(
                        FollowUpVariables.COMPANY_NAME, FollowUpVariables.SIRET, FollowUpVariables.WANTED_FORMAT);
    }

    @Test
    void the_job_executor_takes_a_journey_s_job_before_the_follow_ups_waiting_before_it() {
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C9", Map.of("usesSupplierTool", "NO"));
        String followUp = followUpInstance(customer);
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(followUp)
                        .list())
                .as("the follow-up's jobs, waiting")
                .isNotEmpty()
                .allSatisfy(job -> assertThat(job.getPriority()).isZero());

        // a journey of another campaign gets its first job after the follow-up's were created
        TestCampaign other = campaign();
        Campaign later = startJourneys(other, customerLine(other, "C10", "sme"));
        String journey = runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(customer(later, "C10").businessKey())
                .singleResult()
                .getId();

        // the order in which the job executor's own acquisition query hands out the due jobs: the
        // journey first, so a burst of follow-ups waiting for the registry cannot hold back letters,
        // answers and a deadline's tacit acceptances
        var processEngineConfiguration =
                (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<String> acquisitionOrder = processEngineConfiguration
                .getCommandExecutorTxRequired()
                .execute(context ->
                        context
                                .getJobManager()
                                .findNextJobsToExecute(new org.camunda.bpm.engine.impl.Page(0, 10_000))
                                .stream()
                                .map(job -> job.getProcessInstanceId())
                                .toList());
        assertThat(acquisitionOrder).contains(journey, followUp);
        assertThat(acquisitionOrder.indexOf(journey))
                .as("the journey's job comes before the follow-up's")
                .isLessThan(acquisitionOrder.indexOf(followUp));
    }

    @Test
    void a_named_tool_becomes_an_interoperability_task_for_the_integration_team() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "Boulangerie C1 SAS", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(
                settings,
                "C1",
                Map.of("usesSupplierTool", "YES", "supplierTool", "PENNYLANE", "wantedFormat", "FACTURX"));
        runJobs();

        Task plan = followUpTask(customer, "Task_PlanInteroperability");
        assertThat(plan).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(plan.getId()))
                .extracting(IdentityLink::getGroupId)
                .contains(Groups.INTEGRATION_TEAM);
        assertThat(plan.getName()).contains("Boulangerie C1");

        completeAs(
                "ivan",
                Groups.INTEGRATION_TEAM,
                plan,
                Map.of("interopPlan", "Pennylane connector, test on 3 Feb", "customerContacted", true));
        assertThat(evidenceTypes(customer)).contains(EvidenceType.INTEROPERABILITY_PLANNED);
    }

    @Test
    void unknown_company_goes_to_the_data_stewards_and_registration_waits_for_them() {
        outside.stubFor(get(urlPathEqualTo("/registry/search"))
                .willReturn(okJson("{\"results\":[],\"total_results\":0,\"page\":1,\"per_page\":10}")));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        runJobs();

        Task review = followUpTask(customer, "Task_ReviewCompanyData");
        assertThat(review).as("a data steward reviews").isNotNull();
        assertThat(taskService.getIdentityLinksForTask(review.getId()))
                .extracting(IdentityLink::getGroupId)
                .containsExactly(Groups.DATA_STEWARDS);
        assertThat(taskService
                        .getVariable(review.getId(), COMPANY_CHECK_SUMMARY)
                        .toString())
                .contains("Introuvable au registre");
        outside.verify(0, postRequestedFor(urlPathEqualTo("/platform/registrations")));

        completeAs(
                "dora",
                Groups.DATA_STEWARDS,
                review,
                Map.of(REVIEW_DECISION, REVIEW_CANNOT_VERIFY, OUTCOME_NOTE, "No trace of this company"));
        runJobs();

        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(followUpInstance(customer))
                        .activityId("End_RegistrationHeld")
                        .count())
                .isEqualTo(1);
        outside.verify(0, postRequestedFor(urlPathEqualTo("/platform/registrations")));
        assertThat(checks.reviewCount(customer.id())).isEqualTo(1);
    }

    @Test
    void identifiers_changed_by_the_customer_are_applied_only_after_review() {
        registryKnows("73282932000074", registryAnswer("732829320", "73282932000074", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(
                settings,
                "C1",
                Map.of("siren", "732829320", "siret", "73282932000074", "invoicingContactName", "Marc Comptable"));
        runJobs();

        assertThat(customers.get(customer.id()).siret())
                .as("not applied before review")
                .isEqualTo("41234567000019");
        Task review = followUpTask(customer, "Task_ReviewCompanyData");
        assertThat(taskService
                        .getVariable(review.getId(), COMPANY_CHECK_SUMMARY)
                        .toString())
                .contains("identifiants différents de notre fichier")
                .contains("un autre contact facturation");

        completeAs(
                "dora",
                Groups.DATA_STEWARDS,
                review,
                Map.of(
                        REVIEW_DECISION,
                        REVIEW_APPLY_CUSTOMER_DATA,
                        OUTCOME_NOTE,
                        "Checked on the registry; the company moved"));
        runJobs();

        CampaignCustomer after = customers.get(customer.id());
        assertThat(after.siret()).isEqualTo("73282932000074");
        assertThat(after.contactName()).isEqualTo("Marc Comptable");
        assertThat(evidence.entries(customer.id()).stream().filter(e -> e.type() == EvidenceType.MASTER_DATA_REVIEWED))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("user:dora"));
        outside.verify(
                1,
                postRequestedFor(urlPathEqualTo("/platform/registrations"))
                        .withRequestBody(matchingJsonPath("$.siret", equalTo("73282932000074"))));
    }

    @Test
    void closed_establishment_is_reviewed() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "F"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        runJobs();
        assertThat(checks.ofCustomer(customer.id())).singleElement().satisfies(c -> assertThat(c.problems())
                .contains("establishment 41234567000019 is closed"));
        assertThat(followUpTask(customer, "Task_ReviewCompanyData")).isNotNull();
    }

    @Test
    void registry_errors_and_slowness_are_retried_with_a_delay_then_become_an_incident() {
        outside.stubFor(get(urlPathEqualTo("/registry/search"))
                .inScenario("registry")
                .whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500).withBody("boom"))
                .willSetStateTo("slow"));
        outside.stubFor(get(urlPathEqualTo("/registry/search"))
                .inScenario("registry")
                .whenScenarioStateIs("slow")
                .willReturn(okJson("{}").withFixedDelay(3000))
                .willSetStateTo("limited"));
        outside.stubFor(get(urlPathEqualTo("/registry/search"))
                .inScenario("registry")
                .whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        long serverErrors = calls("registry", "server_error");
        long noAnswers = calls("registry", "failure");
        long refusals = calls("registry", "client_error");

        runJobsIgnoringFailures();
        Job check = followUpJob(customer, "Task_CheckCompany");
        assertThat(check.getRetries())
                .as("HTTP 500 is a failure, not a success")
                .isEqualTo(4);
        assertThat(check.getExceptionMessage()).contains("500");
        assertThat(check.getDuedate().toInstant()).isAfterOrEqualTo(now.plus(Duration.ofMinutes(1)));

        moveClock(Duration.ofMinutes(3));
        runJobsIgnoringFailures();
        check = followUpJob(customer, "Task_CheckCompany");
        assertThat(check.getRetries())
                .as("a response slower than the timeout fails")
                .isEqualTo(3);
        assertThat(managementService.getJobExceptionStacktrace(check.getId())).containsIgnoringCase("timed out");

        moveClock(Duration.ofMinutes(3));
        runJobsIgnoringFailures();
        check = followUpJob(customer, "Task_CheckCompany");
        assertThat(check.getRetries())
                .as("429 Too Many Requests is retried later")
                .isEqualTo(2);
        assertThat(check.getExceptionMessage()).contains("429");

        for (int i = 0; i < 2; i++) {
            moveClock(Duration.ofMinutes(3));
            runJobsIgnoringFailures();
        }
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(followUpInstance(customer))
                        .singleResult())
                .as("visible in Cockpit")
                .isNotNull();
        assertThat(checks.ofCustomer(customer.id()))
                .as("nothing recorded as checked")
                .isEmpty();
        outside.verify(0, postRequestedFor(urlPathEqualTo("/platform/registrations")));
        assertThat(calls("registry", "server_error") - serverErrors)
                .as("the 500 on the operators' metrics")
                .isEqualTo(1);
        assertThat(calls("registry", "failure") - noAnswers).as("the timeout").isEqualTo(1);
        assertThat(calls("registry", "client_error") - refusals).as("the 429s").isEqualTo(3);
    }

    @Test
    void platform_failure_is_retried_with_the_same_idempotency_key() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        outside.stubFor(post(urlPathEqualTo("/platform/registrations"))
                .inScenario("platform")
                .whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        outside.stubFor(post(urlPathEqualTo("/platform/registrations"))
                .inScenario("platform")
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"registrationId\":\"REG-7\"}")));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        long unavailable = calls("platform", "server_error");
        long registered = calls("platform", "ok");

        runJobsIgnoringFailures();
        assertThat(followUpJob(customer, "Task_RegisterOnPlatform").getRetries())
                .isEqualTo(4);
        moveClock(Duration.ofMinutes(11));
        runJobsIgnoringFailures();

        var requests = outside.findAll(postRequestedFor(urlPathEqualTo("/platform/registrations")));
        assertThat(requests).hasSize(2);
        assertThat(requests)
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly("adoption:" + customer.businessKey() + ":registration");
        assertThat(jdbc.sql("select platform_reference from platform_registration where customer_ref = ?")
                        .param(customer.id())
                        .query(String.class)
                        .single())
                .isEqualTo("REG-7");
        assertThat(calls("platform", "server_error") - unavailable).isEqualTo(1);
        assertThat(calls("platform", "ok") - registered).isEqualTo(1);
        var latency = meters.find("adoption.outside.calls")
                .tags("service", "platform", "outcome", "ok")
                .timer();
        assertThat(latency.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the call's time is measured")
                .isPositive();
    }

    @Test
    void registry_calls_never_exceed_its_rate_limit() {
        outside.stubFor(get(urlPathEqualTo("/registry/search")).willReturn(okJson("{\"results\":[]}")));
        HttpConnector http = Connectors.getConnector(HttpConnector.ID);
        long started = System.nanoTime();
        for (int i = 0; i < 15; i++) {
            var response = http.createRequest()
                    .get()
                    .url("http://localhost:" + outside.port() + "/registry/search?q=" + i)
                    .execute();
            assertThat(response.getStatusCode()).isEqualTo(200);
            response.close();
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        // 7 per second, evenly spaced: 15 calls need at least 14 intervals of 1/7 s
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1900);
    }

    private List<fr.einvoicing.adoption.support.ReceivedMail> mailsWithSubject(
            TestCampaign settings, String id, String subject) {
        return mailsTo(settings.email(id.toLowerCase())).stream()
                .filter(m -> m.subject().contains(subject))
                .toList();
    }

    private static String followUpLink(fr.einvoicing.adoption.support.ReceivedMail mail) {
        var m = java.util.regex.Pattern.compile("https?://[^\\s\"<>]+/follow-up/[A-Za-z0-9_-]+")
                .matcher(mail.text());
        assertThat(m.find()).as("a personal follow-up link in:\n" + mail.text()).isTrue();
        return m.group();
    }

    private boolean reached(CampaignCustomer customer, String activityId) {
        return historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(followUpInstance(customer))
                        .activityId(activityId)
                        .finished()
                        .count()
                > 0;
    }

    @Test
    void terms_validated_on_the_follow_up_page_are_recorded_with_their_version() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        runJobs();

        var request = mailsWithSubject(settings, "C1", "conditions générales");
        assertThat(request).hasSize(1);
        String link = followUpLink(request.get(0));
        var page = new Browserless().get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("CGV-2026-11").contains("name=\"validateTerms\"");
        assertThat(reached(customer, "End_TermsValidated"))
                .as("GET changes nothing")
                .isFalse();

        var saved = new Browserless("192.0.2.8").answer(link, Map.of("validateTerms", "true"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("vos réponses sont enregistrées");

        assertThat(reached(customer, "End_TermsValidated")).isTrue();
        var validated = evidence.entries(customer.id()).stream()
                .filter(e -> e.type() == EvidenceType.TERMS_VALIDATED)
                .findFirst()
                .orElseThrow();
        assertThat(validated.details()).contains("CGV-2026-11").contains("192.0.2.8");
        assertThat(new Browserless()
                        .get(baseUrl() + "/follow-up/unknownunknownunknownunknown")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void terms_validated_with_the_answer_are_not_asked_again() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of("validateTerms", "true"));
        runJobs();
        assertThat(mailsWithSubject(settings, "C1", "conditions générales")).isEmpty();
        assertThat(reached(customer, "End_TermsAlreadyValidated")).isTrue();
    }

    @Test
    void terms_left_alone_get_one_reminder_then_go_to_the_account_manager() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of());
        runJobs();

        moveClock(Duration.ofDays(7).plusMinutes(1));
        runJobs();
        assertThat(mailsWithSubject(settings, "C1", "Rappel : nos conditions")).hasSize(1);

        moveClock(Duration.ofDays(7));
        runJobs();
        Task call = followUpTask(customer, "Task_ObtainTermsValidation");
        assertThat(call).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(call.getId()))
                .anySatisfy(l -> assertThat(l.getUserId()).isEqualTo("anna"))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(Groups.ACCOUNT_MANAGERS));
        assertThat(mailsWithSubject(settings, "C1", "Rappel : nos conditions"))
                .as("one reminder only")
                .hasSize(1);

        completeAs(
                "anna",
                Groups.ACCOUNT_MANAGERS,
                call,
                Map.of("termsValidatedByPhone", true, OUTCOME_NOTE, "OK by phone"));
        assertThat(evidence.entries(customer.id()).stream().filter(e -> e.type() == EvidenceType.TERMS_VALIDATED))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("user:anna"));
    }

    @Test
    void webinar_invitation_reminder_attendance_and_recording_for_a_no_show() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of("validateTerms", "true"));
        runJobs();

        var invitation = mailsWithSubject(settings, "C1", "Invitation : webinaire");
        assertThat(invitation).hasSize(1);
        assertThat(invitation.get(0).text())
                .as("both sessions offered")
                .contains("11h00")
                .contains("14h00");
        String link = followUpLink(invitation.get(0));
        var page = new Browserless().get(link);
        var radio = java.util.regex.Pattern.compile("name=\"webinar\" value=\"(\\d+)\">\\s*<span>[^<]*14h00")
                .matcher(page.body());
        assertThat(radio.find()).as("a choice for the 14:00 session").isTrue();
        var chosen = new Browserless().answer(link, Map.of("webinar", radio.group(1)));
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(chosen.body()).contains("Inscrit à la session du").contains("14h00");
        assertThat(evidenceTypes(customer)).contains(EvidenceType.WEBINAR_SESSION_CHOSEN);

        var webinarAt =
                settings.deadline().minusDays(10).withHour(14).withMinute(0).toInstant();
        moveClockTo(webinarAt.minus(Duration.ofDays(1)).plusSeconds(1));
        runJobs();
        assertThat(mailsWithSubject(settings, "C1", "Demain")).singleElement().satisfies(m -> assertThat(m.text())
                .contains("https://webinar.example.com/einvoicing")
                .contains("14h00"));

        moveClockTo(webinarAt.plus(Duration.ofHours(2)).plusSeconds(1));
        runJobs();
        Task attendance = followUpTask(customer, "Task_RecordAttendance");
        assertThat(taskService.getIdentityLinksForTask(attendance.getId()))
                .extracting(IdentityLink::getGroupId)
                .contains(Groups.CUSTOMER_SERVICE);
        completeAs("sam", Groups.CUSTOMER_SERVICE, attendance, Map.of("webinarAttended", "NO"));
        runJobs();

        assertThat(mailsWithSubject(settings, "C1", "rediffusion")).hasSize(1);
        assertThat(reached(customer, "End_RecordingSent")).isTrue();
        assertThat(evidenceTypes(customer)).contains(EvidenceType.WEBINAR_ATTENDANCE_RECORDED);
    }

    @Test
    void webinar_invitation_left_unanswered_gets_one_reminder_and_ends_when_the_session_starts() {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        TestCampaign settings = campaign();
        CampaignCustomer customer = acceptedCustomer(settings, "C1", Map.of("validateTerms", "true"));
        runJobs();
        moveClock(Duration.ofDays(7).plusMinutes(1));
        runJobs();
        assertThat(mailsWithSubject(settings, "C1", "Rappel : choisissez")).hasSize(1);
        moveClockTo(settings.deadline()
                .minusDays(14)
                .withHour(11)
                .withMinute(0)
                .toInstant()
                .plusSeconds(1));
        runJobs();
        assertThat(reached(customer, "End_NoSessionChosen"))
                .as("a later session is still open")
                .isFalse();
        moveClockTo(settings.deadline()
                .minusDays(10)
                .withHour(14)
                .withMinute(0)
                .toInstant()
                .plusSeconds(1));
        runJobs();
        assertThat(reached(customer, "End_NoSessionChosen")).isTrue();
    }

    /** Builds a one-step process from an element template, as the Modeler would apply it. */
    private String processFromTemplate(String templateName, String processId) throws java.io.IOException {
        var templates = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of(".camunda/element-templates/einvoicing-adoption.json")
                        .toFile());
        com.fasterxml.jackson.databind.JsonNode template = null;
        for (var t : templates) {
            if (templateName.equals(t.get("name").asText())) {
                template = t;
            }
        }
        assertThat(template).as(templateName).isNotNull();
        StringBuilder io = new StringBuilder();
        String connectorId = null;
        boolean async = false;
        for (var p : template.path("properties")) {
            if ("camunda:asyncBefore".equals(p.path("binding").path("name").asText())) {
                async = p.path("value").asBoolean();
            }
        }
        for (var p : template.path("scopes").get(0).path("properties")) {
            var binding = p.get("binding");
            String value = xml(p.path("value").asText());
            switch (binding.get("type").asText()) {
                case "property" -> connectorId = p.path("value").asText();
                case "camunda:inputParameter" ->
                    io.append("<camunda:inputParameter name=\"")
                            .append(binding.get("name").asText())
                            .append("\">")
                            .append(value)
                            .append("</camunda:inputParameter>");
                case "camunda:outputParameter" ->
                    io.append("<camunda:outputParameter name=\"")
                            .append(value)
                            .append("\">")
                            .append(xml(binding.get("source").asText()))
                            .append("</camunda:outputParameter>");
                default -> throw new AssertionError("binding not handled: " + binding);
            }
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
                    <bpmn:serviceTask id="call" camunda:asyncBefore="%s">
                      <bpmn:extensionElements><camunda:connector><camunda:inputOutput>%s</camunda:inputOutput>
                        <camunda:connectorId>%s</camunda:connectorId></camunda:connector></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="inspect" />
                    <bpmn:userTask id="inspect" />
                  </bpmn:process>
                </bpmn:definitions>"""
                .formatted(processId, async, io, connectorId)
                .strip();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Test
    void the_element_templates_configure_working_connector_calls() throws Exception {
        registryKnows("41234567000019", registryAnswer("412345670", "41234567000019", "BOULANGERIE C1", "A", "A"));
        var deployment = engine.getRepositoryService()
                .createDeployment()
                .addString(
                        "template-registry.bpmn", processFromTemplate("Check company in registry", "template-registry"))
                .addString(
                        "template-platform.bpmn",
                        processFromTemplate("Register on invoicing platform", "template-platform"))
                .deploy();
        try {
            var registry = runtimeService.startProcessInstanceByKey(
                    "template-registry", Map.of(REGISTRY_QUERY, "41234567000019"));
            var platform = runtimeService.startProcessInstanceByKey(
                    "template-platform",
                    "TPL:C9",
                    Map.of(COMPANY_NAME, "Boulangerie C9", SIRET, "41234567000019", WANTED_FORMAT, "UBL"));
            runJobs();

            assertThat(runtimeService.getVariable(registry.getId(), REGISTRY_STATUS))
                    .isEqualTo(200);
            assertThat(runtimeService
                            .getVariable(registry.getId(), REGISTRY_ANSWER)
                            .toString())
                    .contains("BOULANGERIE C1");
            assertThat(runtimeService.getVariable(platform.getId(), PLATFORM_STATUS))
                    .isEqualTo(201);
            outside.verify(
                    1,
                    postRequestedFor(urlPathEqualTo("/platform/registrations"))
                            .withHeader("Idempotency-Key", equalTo("adoption:TPL:C9:registration"))
                            .withHeader("Authorization", equalTo("Bearer test-platform-token"))
                            .withRequestBody(matchingJsonPath("$.format", equalTo("UBL"))));
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    private void runJobsIgnoringFailures() {
        for (int run = 0; run < 100; run++) {
            List<Job> due = managementService
                    .createJobQuery()
                    .executable()
                    .orderByJobDuedate()
                    .asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            try {
                managementService.executeJob(due.get(0).getId());
            } catch (RuntimeException expected) {
                // recorded on the job: retries and due date
            }
        }
    }
}
