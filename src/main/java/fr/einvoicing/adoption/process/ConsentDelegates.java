package fr.einvoicing.adoption.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.einvoicing.adoption.consent.ConsentService;
import fr.einvoicing.adoption.response.CustomerAnswer;
import fr.einvoicing.adoption.response.CustomerResponses;

/** Glue of the steps that decide or record the customer's consent. */
@Configuration
public class ConsentDelegates {

    @Bean
    public JavaDelegate recordExplicitConsent(ConsentService consent, CustomerResponses responses) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            CustomerAnswer answer = responses.get(vars.answerId());
            consent.recordExplicitAcceptance(vars.customerRef(), answer.id(), answer.answerHash());
        };
    }

    @Bean
    public JavaDelegate recordRefusal(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordRefusal(vars.customerRef(), vars.answerId(), vars.refusalReason());
        };
    }

    @Bean
    public JavaDelegate escalateRefusal(ConsentService consent, TaskService tasks) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            String group = vars.escalationGroup();
            for (Task task : tasks.createTaskQuery()
                    .processInstanceId(execution.getProcessInstanceId())
                    .taskDefinitionKey(CustomerAdoptionProcess.TASK_HANDLE_REFUSAL)
                    .list()) {
                tasks.addCandidateGroup(task.getId(), group);
                tasks.setPriority(task.getId(), 80);
            }
            consent.recordRefusalEscalated(vars.customerRef(), group);
        };
    }

    @Bean
    public JavaDelegate recordConsentByPhone(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordConsentByPhone(vars.customerRef(), vars.completedBy(), vars.outcomeNote());
        };
    }

    @Bean
    public JavaDelegate confirmPaperInvoicing(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordRefusalMaintained(vars.customerRef(), vars.completedBy(), vars.outcomeNote());
        };
    }

    /**
     * At the deadline: an answer stored in time but not yet handed over wins over silence (the model's
     * "Answer given in time?"); without one, the deadline and whether silence counts are recorded.
     */
    @Bean
    public JavaDelegate recordDeadlineReached(
            ConsentService consent, CustomerResponses responses, OperatorTexts texts) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            boolean answerFound = takePendingAnswer(execution, vars.customerRef(), responses, texts)
                    .isPresent();
            vars.answerFoundAtDeadline(answerFound);
            if (!answerFound) {
                recordSilence(consent, texts, vars);
            }
        };
    }

    /**
     * The same for journeys started on a model before 1.1.0, where the answer found at the deadline was a
     * BPMN error caught on the task. Remove once no such journey waits for its deadline.
     */
    @Bean
    public JavaDelegate recordDeadline(ConsentService consent, CustomerResponses responses, OperatorTexts texts) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            if (takePendingAnswer(execution, vars.customerRef(), responses, texts)
                    .isPresent()) {
                throw new BpmnError("AnswerFoundAtDeadline", "An answer given in time was found at the deadline");
            }
            recordSilence(consent, texts, vars);
        };
    }

    private static void recordSilence(ConsentService consent, OperatorTexts texts, AdoptionVariables vars) {
        var outcome = consent.recordDeadlineReached(vars.customerRef());
        vars.tacitAcceptanceApplies(outcome.tacitAcceptanceApplies());
        if (!outcome.tacitAcceptanceApplies()) {
            vars.contactIssue(texts.noAnswer(outcome));
        }
    }

    /** Listener on the flow leaving "Decide whether consent is needed": keeps the decision and its basis as evidence. */
    @Bean
    public ExecutionListener recordConsentRequirement(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("decision", CustomerAdoptionProcess.CONSENT_REQUIREMENT_DECISION);
            // the decision deployed with this process version (decisionRefBinding="deployment")
            inputs.put("processDefinitionId", execution.getProcessDefinitionId());
            inputs.putAll(vars.consentDecisionInputs());
            consent.recordConsentRequirement(vars.customerRef(), vars.consentMode(), vars.consentBasis(), inputs);
        };
    }

    /** Information only: settles the customer as informed, with the routing details given in time if any. */
    @Bean
    public JavaDelegate recordInformed(ConsentService consent, CustomerResponses responses, OperatorTexts texts) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            CustomerAnswer answer = vars.answerIdIfAny()
                    .map(responses::get)
                    .or(() -> takePendingAnswer(execution, vars.customerRef(), responses, texts))
                    .orElse(null);
            consent.recordInformed(
                    vars.customerRef(),
                    answer == null ? null : answer.id(),
                    answer == null ? null : answer.answerHash());
        };
    }

    /**
     * An answer stored in time but not handed to the journey yet (it came while the letter was still
     * going out): it is handed over now, and its facts put on the journey.
     */
    private static Optional<CustomerAnswer> takePendingAnswer(
            DelegateExecution execution, long customerRef, CustomerResponses responses, OperatorTexts texts) {
        var pending = responses.pendingInTime(customerRef);
        if (pending.isPresent() && responses.route(pending.get().id(), CustomerAnswer.Routing.DELIVERED)) {
            AnswerVariables.put(execution, pending.get(), texts);
            return pending;
        }
        return Optional.empty();
    }

    @Bean
    public JavaDelegate recordTacitAcceptance(ConsentService consent) {
        return execution ->
                consent.recordTacitAcceptance(AdoptionVariables.of(execution).customerRef());
    }

    @Bean
    public JavaDelegate recordCorrectedAddress(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            String email = vars.correctedEmail();
            if (email == null || email.isBlank()) {
                throw new IllegalArgumentException("Give the corrected e-mail address to send the letter again");
            }
            consent.recordCorrectedAddress(vars.customerRef(), email, vars.completedBy());
            vars.customerEmail(email.trim().toLowerCase());
        };
    }

    @Bean
    public JavaDelegate recordLetterPosted(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            var deadline = consent.recordLetterPosted(vars.customerRef(), vars.completedBy());
            vars.responseDeadline(java.util.Date.from(deadline.toInstant()));
            vars.letterDelivered(false);
            vars.reminder(null);
        };
    }

    @Bean
    public JavaDelegate recordNotReached(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordNotReached(vars.customerRef(), vars.completedBy(), vars.outcomeNote());
        };
    }
}
