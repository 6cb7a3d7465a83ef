package fr.einvoicing.adoption.process;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.einvoicing.adoption.consent.ConsentService;
import fr.einvoicing.adoption.customer.CampaignCustomers;

/** Glue of {@code late-answer-review}: apply the new answer or keep the earlier outcome. */
@Configuration
public class LateAnswerDelegates {

    @Bean
    public JavaDelegate applyLateAnswer(ConsentService consent, CampaignCustomers customers, RuntimeService runtime) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordLateAnswerApplied(
                    vars.customerRef(), vars.answerId(), vars.customerAccepted(), vars.completedBy());
            // A journey still open (a refusal or contact task) has nothing left to decide: close it
            JourneyMessages.deliver(
                    runtime,
                    customers.get(vars.customerRef()),
                    CustomerAdoptionProcess.MESSAGE_OUTCOME_SETTLED,
                    Map.of());
        };
    }

    @Bean
    public JavaDelegate keepEarlierOutcome(ConsentService consent) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            consent.recordLateAnswerDismissed(
                    vars.customerRef(), vars.answerId(), vars.completedBy(), vars.outcomeNote());
        };
    }
}
