package fr.einvoicing.adoption.followup.process;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.followup.CompanyCheckService;
import fr.einvoicing.adoption.followup.FollowUpMailer;
import fr.einvoicing.adoption.followup.FollowUpPlanner;
import fr.einvoicing.adoption.followup.FollowUpService;
import fr.einvoicing.adoption.followup.OutsideServices;
import fr.einvoicing.adoption.followup.RegistryComparison;
import fr.einvoicing.adoption.process.AdoptionVariables;
import fr.einvoicing.adoption.process.OperatorTexts;

/**
 * The service tasks and listeners of {@code bpmn/customer-follow-ups.bpmn}, and the start of the
 * follow-ups from {@code customer-adoption.bpmn}: variables in, one business service called, variables
 * out. The rules live in the {@code followup} package.
 */
@Configuration(proxyBeanMethods = false)
public class FollowUpDelegates {

    /** The message end events of an accepted journey: the follow-ups start once per customer. */
    @Bean
    public JavaDelegate startFollowUps(FollowUpPlanner planner, RuntimeService runtime, HistoryService history) {
        return execution -> {
            AdoptionVariables journey = AdoptionVariables.of(execution);
            planner.plan(journey.customerRef(), journey.campaignCode())
                    .filter(start -> history.createHistoricProcessInstanceQuery()
                                    .processDefinitionKey(FollowUpVariables.PROCESS_KEY)
                                    .processInstanceBusinessKey(start.businessKey())
                                    .count()
                            == 0)
                    .ifPresent(start -> {
                        runtime.startProcessInstanceByKey(
                                FollowUpVariables.PROCESS_KEY,
                                start.businessKey(),
                                FollowUpVariables.startedWith(start));
                        planner.started(start);
                    });
        };
    }

    /** <em>Compare with registry</em>: the connector's answer is read once, compared, kept, then dropped. */
    @Bean
    public JavaDelegate compareWithRegistry(CompanyCheckService checks, ObjectMapper json, OperatorTexts texts) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            String answer = followUp.takeRegistryAnswer();
            var company = new RegistryComparison.CompanyToCheck(
                    followUp.customerRef(),
                    followUp.registryQuery(),
                    followUp.companyName(),
                    followUp.identifiersChanged(),
                    followUp.otherInvoicingContact());
            var comparison = RegistryComparison.compare(company, json.readTree(answer == null ? "{}" : answer));
            followUp.companyCheck(
                    checks.record(comparison), comparison.outcome(), checks.summary(comparison, texts.locale()));
        };
    }

    /** <em>Apply reviewed data</em>: the data steward's decision, and the data registration goes on with. */
    @Bean
    public JavaDelegate applyReviewedData(FollowUpService followUps) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            followUp.companyData(followUps.applyReview(
                    followUp.customerRef(),
                    followUp.reviewDecision(),
                    followUp.companyData(),
                    followUp.completedByUser(),
                    followUp.outcomeNote()));
        };
    }

    /** <em>Record interoperability plan</em>. */
    @Bean
    public JavaDelegate recordInteropPlan(FollowUpService followUps) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            followUps.interopPlanned(
                    followUp.customerRef(),
                    followUp.completedBy(),
                    followUp.supplierTool(),
                    followUp.wantedFormat(),
                    followUp.interopPlan(),
                    followUp.customerContacted());
        };
    }

    /** <em>Record platform registration</em>: the platform's answer, read once and kept in our table. */
    @Bean
    public JavaDelegate recordPlatformRegistration(FollowUpService followUps, OutsideServices services) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            String businessKey = execution.getProcessBusinessKey();
            String answer = followUp.takePlatformAnswer();
            followUp.platformReference(followUps.platformRegistered(
                    followUp.customerRef(),
                    services.platformIdempotencyKey(businessKey),
                    followUp.platformStatus(),
                    services.platformRegistrationBody(followUp.platformRegistration(businessKey)),
                    answer));
        };
    }

    /** <em>Record terms outcome</em>: the account manager obtained the validation on the phone (or not). */
    @Bean
    public JavaDelegate recordTermsOutcome(FollowUpService followUps) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            followUps.termsOutcome(
                    followUp.customerRef(),
                    followUp.completedByUser(),
                    followUp.termsValidatedByPhone(),
                    followUp.termsVersion(),
                    followUp.outcomeNote());
        };
    }

    /** On completing <em>Record webinar attendance</em>: customer service says whether the customer came. */
    @Bean
    public TaskListener recordWebinarAttendance(FollowUpService followUps) {
        return task -> {
            FollowUpVariables followUp = FollowUpVariables.of(task);
            followUps.webinarAttendance(followUp.customerRef(), followUp.completedByUser(), followUp.webinarAttended());
        };
    }

    /** The follow-up mails (the task's {@code mailKind} input says which), each sent once. */
    @Bean
    public JavaDelegate sendFollowUpMail(FollowUpMailer mailer) {
        return execution -> {
            FollowUpVariables followUp = FollowUpVariables.of(execution);
            mailer.send(followUp.mailKind(), followUp.customerRef());
        };
    }
}
