package fr.einvoicing.adoption.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.history.process.ProcessHistory;
import fr.einvoicing.adoption.response.CustomerAnswer;
import fr.einvoicing.adoption.response.CustomerResponses;
import fr.einvoicing.adoption.response.ResponseForm;
import fr.einvoicing.adoption.response.ResponseService;
import fr.einvoicing.adoption.security.Groups;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static fr.einvoicing.adoption.process.CustomerAdoptionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the customer-adoption process, on the engine, with time moved by hand. */
class CustomerJourneyTest extends EngineTestSupport {

    @Autowired
    IdentityService identityService;

    @Autowired
    CustomerResponses responses;

    @Autowired
    ResponseService responseService;

    private final Browserless customerBrowser = new Browserless();

    private static final Map<String, String> ACCEPT = Map.of(
            "decision",
            "ACCEPT",
            "usesSupplierTool",
            "YES",
            "supplierTool",
            "PENNYLANE",
            "wantedFormat",
            "FACTURX",
            "deliveryMode",
            "DAILY_DIGEST",
            "siren",
            "412345670",
            "siret",
            "41234567000019",
            "validateTerms",
            "true");

    private static Map<String, String> refuse(String reason) {
        return Map.of(
                "decision",
                "REFUSE",
                "refusalReason",
                reason,
                "refusalComment",
                "Nous n'avons pas de logiciel",
                "siren",
                "412345670",
                "siret",
                "41234567000019");
    }

    private String answerOnPage(TestCampaign settings, String customerId, Map<String, String> answer) {
        String link = onlyMailTo(settings.email(customerId.toLowerCase())).responseLink();
        var result = customerBrowser.answer(link, answer);
        assertThat(result.status()).as("answer accepted by the page").isEqualTo(302);
        assertThat(result.location()).contains("/respond/thanks");
        return link;
    }

    private boolean passed(CampaignCustomer customer, String activityId) {
        return historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId(customer))
                        .activityId(activityId)
                        .finished()
                        .count()
                > 0;
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()))
                .map(IdentityLink::getGroupId)
                .toList();
    }

    private void completeAs(String user, String group, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void customer_who_accepts_on_the_page_is_recorded_as_explicit_consent() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        assertThat(customer.status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);
        assertThat(customer.letterDelivered()).isTrue();

        answerOnPage(settings, "C1", ACCEPT);

        assertThat(history(customer).getEndActivityId()).isEqualTo(END_ACCEPTED_EXPLICITLY);
        CampaignCustomer after = customers.get(customer.id());
        assertThat(after.status()).isEqualTo(CustomerStatus.ACCEPTED_EXPLICITLY);
        assertThat(after.outcomeBy()).isEqualTo("customer");
        assertThat(evidenceTypes(customer))
                .containsSubsequence(
                        EvidenceType.LETTER_RENDERED, EvidenceType.LETTER_SENT,
                        EvidenceType.ANSWER_SUBMITTED, EvidenceType.CONSENT_EXPLICIT);
        var answer = responses.ofCustomer(customer.id()).get(0);
        assertThat(answer.accepted()).isTrue();
        assertThat(answer.supplierTool()).isEqualTo("PENNYLANE");
        assertThat(answer.wantedFormat()).isEqualTo("FACTURX");
        assertThat(answer.termsVersion()).isEqualTo("CGV-2026-11");
        assertThat(evidence.verify(customer.id()).intact()).isTrue();
    }

    @Test
    void history_keeps_what_happened_in_a_journey_not_the_engine_s_routine_nor_copies_of_our_records() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "H1", "sme"));
        CampaignCustomer customer = customer(campaign, "H1");
        assertThat(ProcessHistory.RECORD_COPIES)
                .as("what a journey starts with from our records, but its identifiers")
                .containsAll(CamundaCustomerJourneys.startVariables(campaign, customer).keySet().stream()
                        .filter(name -> !ProcessHistory.IDENTIFIERS.contains(name))
                        .toList());
        answerOnPage(settings, "H1", ACCEPT);
        String journey = processInstanceId(customer);

        var variables = historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(journey)
                .list();
        assertThat(variables)
                .filteredOn(v -> v.getName().equals(AdoptionVariables.LETTER_DELIVERED))
                .as("last value of a journey variable, as Cockpit shows it")
                .singleElement()
                .satisfies(v -> assertThat(v.getValue()).isEqualTo(true));
        assertThat(variables)
                .extracting(v -> v.getName())
                .as("the identifiers to find a customer's history by")
                .contains(AdoptionVariables.CUSTOMER_ID, AdoptionVariables.CAMPAIGN_CODE)
                .as("copies of the customer's record (campaign.history.record-copies=false)")
                .doesNotContain(
                        AdoptionVariables.COMPANY_NAME,
                        AdoptionVariables.CUSTOMER_EMAIL,
                        AdoptionVariables.CONTACT_NAME,
                        AdoptionVariables.ACCOUNT_MANAGER);
        assertThat(historyService
                        .createHistoricDetailQuery()
                        .processInstanceId(journey)
                        .variableUpdates()
                        .count())
                .as("a detail row for each change of each variable (campaign.history.variable-changes=false)")
                .isZero();

        var activities = historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(journey)
                .list();
        assertThat(activities)
                .extracting(a -> a.getActivityId())
                .as("the journey's steps")
                .contains(
                        "Start_CustomerSelected",
                        TASK_SEND_LETTER,
                        SUBPROCESS_AWAIT_RESPONSE,
                        EVENT_RESPONSE_RECEIVED,
                        END_ACCEPTED_EXPLICITLY);
        assertThat(activities)
                .extracting(a -> a.getActivityType())
                .as("routing gateways and sub-processes' plain start events (campaign.history.routing-steps=false)")
                .doesNotContain("exclusiveGateway", "parallelGateway");
        assertThat(activities)
                .filteredOn(a -> a.getActivityType().equals("startEvent"))
                .extracting(a -> a.getActivityId())
                .containsExactly("Start_CustomerSelected");

        assertThat(historyService
                        .createHistoricJobLogQuery()
                        .processInstanceId(journey)
                        .successLog()
                        .count())
                .as("the job log, with the node that ran each job")
                .isPositive();
        assertThat(historyService
                        .createHistoricJobLogQuery()
                        .processInstanceId(journey)
                        .creationLog()
                        .count())
                .as("the job log's creations (campaign.history.job-creations=false)")
                .isZero();
    }

    @Test
    void refusal_becomes_a_handle_refusal_task_for_the_group_the_decision_table_chooses() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(
                settings,
                customerLine(settings, "KA", "key-account"),
                customerLine(settings, "EQ", "sme"),
                customerLine(settings, "PA", "sme"));

        answerOnPage(settings, "KA", refuse("PREFER_PAPER"));
        answerOnPage(settings, "EQ", refuse("NO_EQUIPMENT"));
        answerOnPage(settings, "PA", refuse("PREFER_PAPER"));

        Task keyAccount = task(customer(campaign, "KA"), TASK_HANDLE_REFUSAL);
        Task noEquipment = task(customer(campaign, "EQ"), TASK_HANDLE_REFUSAL);
        Task paper = task(customer(campaign, "PA"), TASK_HANDLE_REFUSAL);
        assertThat(candidateGroups(keyAccount)).containsExactly(Groups.ACCOUNT_MANAGERS);
        assertThat(candidateGroups(noEquipment)).containsExactly(Groups.CUSTOMER_SERVICE);
        assertThat(candidateGroups(paper)).containsExactly(Groups.ACCOUNT_MANAGERS);
        // key accounts are handled faster
        assertThat(keyAccount.getDueDate().toInstant()).isEqualTo(now.plus(Duration.ofDays(2)));
        assertThat(paper.getDueDate().toInstant()).isEqualTo(now.plus(Duration.ofDays(3)));
        assertThat(taskService.getVariable(keyAccount.getId(), "refusalComment"))
                .isEqualTo("Nous n'avons pas de logiciel");
        assertThat(customer(campaign, "KA").status()).isEqualTo(CustomerStatus.REFUSAL_IN_REVIEW);
        assertThat(evidenceTypes(customer(campaign, "KA"))).contains(EvidenceType.REFUSAL_RECEIVED);
    }

    @Test
    void refusal_left_alone_escalates_to_the_managers_and_the_task_stays_open() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        answerOnPage(settings, "C1", refuse("PREFER_PAPER"));
        CampaignCustomer customer = customer(campaign, "C1");

        moveClock(Duration.ofDays(2));
        runJobs();
        assertThat(candidateGroups(task(customer, TASK_HANDLE_REFUSAL))).containsExactly(Groups.ACCOUNT_MANAGERS);

        moveClock(Duration.ofDays(1).plusMinutes(1));
        runJobs();

        Task stillOpen = task(customer, TASK_HANDLE_REFUSAL);
        assertThat(stillOpen).as("escalation does not cancel the task").isNotNull();
        assertThat(candidateGroups(stillOpen))
                .containsExactlyInAnyOrder(Groups.ACCOUNT_MANAGERS, Groups.CAMPAIGN_MANAGERS);
        assertThat(passed(customer, TASK_ESCALATE_REFUSAL)).isTrue();
        assertThat(evidenceTypes(customer)).contains(EvidenceType.REFUSAL_ESCALATED);
    }

    @Test
    void account_manager_who_convinces_the_customer_records_consent_by_phone_with_their_name() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        answerOnPage(settings, "C1", refuse("PREFER_PAPER"));
        CampaignCustomer customer = customer(campaign, "C1");

        completeAs(
                "anna",
                Groups.ACCOUNT_MANAGERS,
                task(customer, TASK_HANDLE_REFUSAL),
                Map.of("refusalOutcome", REFUSAL_OUTCOME_CONVINCED, "outcomeNote", "Called on Monday, agreed"));

        assertThat(history(customer).getEndActivityId()).isEqualTo(END_ACCEPTED_AFTER_CALL);
        CampaignCustomer after = customers.get(customer.id());
        assertThat(after.status()).isEqualTo(CustomerStatus.ACCEPTED_EXPLICITLY);
        assertThat(after.outcomeBy()).isEqualTo("user:anna");
        var consent = evidence.entries(customer.id()).stream()
                .filter(e -> e.type() == EvidenceType.CONSENT_BY_PHONE)
                .findFirst()
                .orElseThrow();
        assertThat(consent.actor()).isEqualTo("user:anna");
        assertThat(consent.details()).contains("phone").contains("Called on Monday");
    }

    @Test
    void maintained_refusal_keeps_paper_invoicing() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        answerOnPage(settings, "C1", refuse("TOO_EARLY"));
        CampaignCustomer customer = customer(campaign, "C1");

        completeAs(
                "anna",
                Groups.ACCOUNT_MANAGERS,
                task(customer, TASK_HANDLE_REFUSAL),
                Map.of("refusalOutcome", REFUSAL_OUTCOME_MAINTAINED, "outcomeNote", ""));

        assertThat(history(customer).getEndActivityId()).isEqualTo(END_PAPER_KEPT);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.REFUSED);
        assertThat(evidenceTypes(customer)).contains(EvidenceType.REFUSAL_MAINTAINED);
    }

    @Test
    void silence_until_the_deadline_is_tacit_acceptance_after_one_reminder() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"), customerLine(settings, "C2", "sme"));
        CampaignCustomer silent = customer(campaign, "C1");
        answerOnPage(settings, "C2", ACCEPT);

        moveClockTo(settings.deadline().minusDays(7).toInstant().plusSeconds(1));
        runJobs();
        assertThat(mailsTo(settings.email("c1"))).hasSize(2);
        assertThat(mailsTo(settings.email("c1")).get(1).subject()).containsIgnoringCase("rappel");
        assertThat(mailsTo(settings.email("c2")))
                .as("no reminder after an answer")
                .hasSize(1);
        assertThat(customers.get(silent.id()).status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);

        moveClockTo(settings.deadline().toInstant().minusSeconds(60));
        runJobs();
        assertThat(customers.get(silent.id()).status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);

        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(history(silent).getEndActivityId()).isEqualTo(END_ACCEPTED_TACITLY);
        CampaignCustomer after = customers.get(silent.id());
        assertThat(after.status()).isEqualTo(CustomerStatus.ACCEPTED_TACITLY);
        assertThat(evidenceTypes(silent))
                .containsSubsequence(
                        EvidenceType.LETTER_SENT,
                        EvidenceType.REMINDER_SENT,
                        EvidenceType.DEADLINE_REACHED,
                        EvidenceType.CONSENT_TACIT);
        assertThat(evidence.verify(silent.id()).intact()).isTrue();
    }

    @Test
    void an_answer_given_in_time_but_not_yet_handed_to_the_journey_wins_over_silence_at_the_deadline() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String link = onlyMailTo(settings.email("c1")).responseLink();

        // stored by the page a minute before the deadline; the hand-over to the journey did not happen yet
        moveClockTo(settings.deadline().toInstant().minusSeconds(60));
        ResponseForm form = new ResponseForm();
        form.setDecision("ACCEPT");
        form.setSiren("412345670");
        var stored = responseService.submit(
                link.substring(link.lastIndexOf('/') + 1), form, new CustomerResponses.Origin("203.0.113.7", "test"));
        assertThat(stored).isInstanceOf(ResponseService.Submission.Stored.class);

        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(passed(customer, EVENT_DEADLINE_REACHED))
                .as("the deadline's timer found the answer")
                .isTrue();
        assertThat(history(customer).getEndActivityId()).isEqualTo(END_ACCEPTED_EXPLICITLY);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.ACCEPTED_EXPLICITLY);
        assertThat(evidenceTypes(customer))
                .contains(EvidenceType.CONSENT_EXPLICIT)
                .doesNotContain(EvidenceType.CONSENT_TACIT, EvidenceType.DEADLINE_REACHED);
        assertThat(responses.ofCustomer(customer.id())).singleElement().satisfies(answer -> assertThat(answer.routing())
                .isEqualTo(CustomerAnswer.Routing.DELIVERED));
    }

    @Test
    void silence_does_not_count_when_the_campaign_did_not_say_so() {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        assertThat(onlyMailTo(settings.email("c1")).text()).doesNotContain("nous considérerons que vous acceptez");

        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(passed(customer, TASK_RECORD_TACIT_ACCEPTANCE)).isFalse();
        Task reach = task(customer, TASK_REACH_CUSTOMER);
        assertThat(reach).isNotNull();
        assertThat(candidateGroups(reach)).containsExactly(Groups.CUSTOMER_SERVICE);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.TO_REACH);
        assertThat(mailsTo(settings.email("c1"))).as("no reminder planned").hasSize(1);
    }

    @Test
    void a_letter_that_left_too_close_to_the_deadline_goes_to_a_person_not_to_silence() {
        // the letter leaves two days before the deadline (late waves, a relay outage): less than the
        // seven days the customer is owed to answer
        TestCampaign late =
                campaign().deadline(now.atZone(PARIS).plusDays(2).withHour(18).withMinute(0));
        Campaign campaign = startJourneys(late, customerLine(late, "L1", "sme"));
        // the campaign page warns while the letter is still to send
        var page = new fr.einvoicing.adoption.support.StaffClient(baseUrl(), "claire", "demo")
                .get("/campaigns/" + late.code());
        assertThat(page.body()).contains("Not every letter can leave in time").contains("letters still to send");
        runJobs();
        CampaignCustomer customer = customer(campaign, "L1");
        assertThat(onlyMailTo(late.email("l1")).text()).contains("nous considérerons que vous acceptez");

        moveClockTo(late.deadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(passed(customer, TASK_RECORD_TACIT_ACCEPTANCE)).isFalse();
        Task reach = task(customer, TASK_REACH_CUSTOMER);
        assertThat(candidateGroups(reach)).containsExactly(Groups.CUSTOMER_SERVICE);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.TO_REACH);
        assertThat((String) runtimeService.getVariable(processInstanceId(customer), "contactIssue"))
                .contains("trop peu de temps pour répondre")
                .contains("moins de 7 jour(s)");
        assertThat(evidence.entries(customer.id())).anySatisfy(e -> assertThat(e.summary())
                .contains("tacit acceptance does not apply")
                .contains("less than 7 day(s)"));

        // the same letter eight days ahead leaves time enough: silence counts
        TestCampaign inTime =
                campaign().deadline(now.atZone(PARIS).plusDays(8).withHour(18).withMinute(0));
        Campaign second = startJourneys(inTime, customerLine(inTime, "T1", "sme"));
        assertThat(new fr.einvoicing.adoption.support.StaffClient(baseUrl(), "claire", "demo")
                        .get("/campaigns/" + inTime.code())
                        .body())
                .as("no warning when the letters leave in time")
                .doesNotContain("Not every letter can leave in time");
        runJobs();
        moveClockTo(inTime.deadline().toInstant().plusSeconds(1));
        runJobs();
        assertThat(customers.get(customer(second, "T1").id()).status()).isEqualTo(CustomerStatus.ACCEPTED_TACITLY);
    }

    @Test
    void answer_stored_but_not_yet_delivered_at_the_deadline_wins_over_silence() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String link = onlyMailTo(settings.email("c1")).responseLink();

        // the customer refuses just before the deadline; the engine is busy, the answer waits in our table
        moveClockTo(settings.deadline().toInstant().minusSeconds(30));
        runtimeService.suspendProcessInstanceById(processInstanceId(customer));
        assertThat(customerBrowser.answer(link, refuse("PREFER_PAPER")).status())
                .isEqualTo(302);
        assertThat(responses.ofCustomer(customer.id())).hasSize(1);
        runtimeService.activateProcessInstanceById(processInstanceId(customer));

        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(passed(customer, TASK_RECORD_TACIT_ACCEPTANCE))
                .as("silence must not win")
                .isFalse();
        assertThat(task(customer, TASK_HANDLE_REFUSAL)).isNotNull();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.REFUSAL_IN_REVIEW);
    }

    @Test
    void late_refusal_after_tacit_acceptance_goes_to_a_person_who_can_apply_it() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String link = onlyMailTo(settings.email("c1")).responseLink();
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.ACCEPTED_TACITLY);

        moveClock(Duration.ofDays(3));
        assertThat(customerBrowser.answer(link, refuse("PREFER_PAPER")).status())
                .isEqualTo(302);

        var answers = responses.ofCustomer(customer.id());
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).inTime()).isFalse();
        Task review = taskService
                .createTaskQuery()
                .processDefinitionKey(LATE_ANSWER_REVIEW_KEY)
                .processInstanceBusinessKey(customer.businessKey())
                .singleResult();
        assertThat(review).as("a person reviews the late refusal").isNotNull();
        assertThat(evidenceTypes(customer)).contains(EvidenceType.LATE_ANSWER_ROUTED);

        identityService.setAuthentication("anna", List.of(Groups.ACCOUNT_MANAGERS));
        try {
            taskService.complete(
                    review.getId(), Map.of("lateAnswerDecision", "APPLY", "outcomeNote", "Customer called"));
        } finally {
            identityService.clearAuthentication();
        }
        runJobs();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.REFUSED);
        assertThat(evidenceTypes(customer)).contains(EvidenceType.LATE_ANSWER_APPLIED);
    }

    @Test
    void a_late_acceptance_applied_by_review_closes_the_journey_still_waiting_for_customer_service() {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String link = onlyMailTo(settings.email("c1")).responseLink();
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        assertThat(task(customer, TASK_REACH_CUSTOMER))
                .as("customer service to reach them")
                .isNotNull();

        moveClock(Duration.ofDays(2));
        assertThat(customerBrowser.answer(link, ACCEPT).status()).isEqualTo(302);
        Task review = taskService
                .createTaskQuery()
                .processDefinitionKey(LATE_ANSWER_REVIEW_KEY)
                .processInstanceBusinessKey(customer.businessKey())
                .singleResult();
        completeAs(
                "anna",
                Groups.ACCOUNT_MANAGERS,
                review,
                Map.of("lateAnswerDecision", "APPLY", "outcomeNote", "Answer seen"));
        runJobs();

        assertThat(history(customer).getEndTime()).as("the journey ended").isNotNull();
        assertThat(passed(customer, "End_SettledByReview"))
                .as("closed by the review")
                .isTrue();
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(processInstanceId(customer))
                        .count())
                .as("nothing left for customer service")
                .isZero();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.ACCEPTED_EXPLICITLY);
        assertThat(evidenceTypes(customer)).contains(EvidenceType.LATE_ANSWER_APPLIED);
    }

    @Test
    void a_second_answer_that_confirms_the_outcome_is_recorded_without_a_task() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        String link = answerOnPage(settings, "C1", ACCEPT);

        // the same link, used again: the token is spent, the page says nothing about why
        var again = customerBrowser.get(link);
        assertThat(again.status()).isEqualTo(404);
        assertThat(responses.ofCustomer(customer.id())).hasSize(1);
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceBusinessKey(customer.businessKey())
                        .count())
                .isZero();
    }

    @Test
    void customer_not_reached_by_mail_gets_the_letter_again_at_a_corrected_address() {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        String corrected = settings.email("compta-c1");
        completeAs(
                "sam",
                Groups.CUSTOMER_SERVICE,
                task(customer, TASK_REACH_CUSTOMER),
                Map.of(
                        "contactOutcome",
                        CONTACT_OUTCOME_CORRECTED,
                        "correctedEmail",
                        corrected,
                        "outcomeNote",
                        "Phoned reception"));
        runJobs();

        var letter = onlyMailTo(corrected);
        CampaignCustomer after = customers.get(customer.id());
        assertThat(after.email()).isEqualTo(corrected);
        assertThat(after.status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);
        assertThat(after.responseDeadline().toInstant())
                .as("a fresh period to answer")
                .isAfter(now.plus(Duration.ofDays(29)));
        assertThat(evidenceTypes(customer)).contains(EvidenceType.CONTACT_CORRECTED);

        assertThat(customerBrowser.answer(letter.responseLink(), ACCEPT).status())
                .isEqualTo(302);
        assertThat(history(customer).getEndActivityId()).isEqualTo(END_ACCEPTED_EXPLICITLY);
    }

    @Test
    void a_customer_reached_twice_without_answer_is_handled_twice_by_customer_service() {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        completeAs(
                "sam",
                Groups.CUSTOMER_SERVICE,
                task(customer, TASK_REACH_CUSTOMER),
                Map.of(
                        "contactOutcome",
                        CONTACT_OUTCOME_CORRECTED,
                        "correctedEmail",
                        settings.email("other-c1"),
                        "outcomeNote",
                        ""));
        runJobs();

        // no answer at the corrected address either: the same task comes back, and can be completed again
        moveClockTo(customers.get(customer.id()).responseDeadline().toInstant().plusSeconds(1));
        runJobs();
        completeAs(
                "sam",
                Groups.CUSTOMER_SERVICE,
                task(customer, TASK_REACH_CUSTOMER),
                Map.of("contactOutcome", CONTACT_OUTCOME_UNREACHABLE, "outcomeNote", "Gave up"));
        assertThat(history(customer).getEndActivityId()).isEqualTo(END_NOT_REACHED);
    }

    @Test
    void letter_sent_by_post_never_leads_to_tacit_acceptance() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        // silence counts in this campaign, but not for a letter whose delivery nobody can prove
        toReachCustomerTask(customer);

        completeAs(
                "sam",
                Groups.CUSTOMER_SERVICE,
                task(customer, TASK_REACH_CUSTOMER),
                Map.of("contactOutcome", CONTACT_OUTCOME_POSTED, "outcomeNote", "Printed and posted"));
        runJobs();
        CampaignCustomer posted = customers.get(customer.id());
        assertThat(evidenceTypes(customer)).contains(EvidenceType.LETTER_POSTED);

        moveClockTo(posted.responseDeadline().toInstant().plusSeconds(1));
        runJobs();

        assertThat(passed(customer, TASK_RECORD_TACIT_ACCEPTANCE)).isFalse();
        assertThat(task(customer, TASK_REACH_CUSTOMER)).as("back to a person").isNotNull();
    }

    /** Moves the journey to "Reach customer another way", as an operator would in Cockpit. */
    private void toReachCustomerTask(CampaignCustomer customer) {
        runtimeService
                .createProcessInstanceModification(processInstanceId(customer))
                .cancelAllForActivity(SUBPROCESS_AWAIT_RESPONSE)
                .startBeforeActivity(TASK_REACH_CUSTOMER)
                .execute();
    }

    @Test
    void customer_nobody_can_reach_ends_as_not_reached() {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();

        completeAs(
                "sam",
                Groups.CUSTOMER_SERVICE,
                task(customer, TASK_REACH_CUSTOMER),
                Map.of("contactOutcome", CONTACT_OUTCOME_UNREACHABLE, "outcomeNote", "Company closed"));

        assertThat(history(customer).getEndActivityId()).isEqualTo(END_NOT_REACHED);
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.NOT_REACHED);
        assertThat(customers.get(customer.id()).outcomeBy()).isEqualTo("user:sam");
    }

    @Test
    void every_journey_is_visible_in_cockpit_under_its_business_key() {
        TestCampaign settings = campaign();
        Campaign campaign =
                launch(settings, customerLine(settings, "C1", "sme"), customerLine(settings, "C2", "public"));
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .processInstanceBusinessKeyLike(campaign.code() + ":%")
                        .list())
                .extracting(p -> p.getBusinessKey())
                .containsExactlyInAnyOrder(campaign.code() + ":C1", campaign.code() + ":C2");
    }
}
