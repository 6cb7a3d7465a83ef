package fr.einvoicing.adoption.process;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.letter.Letter;
import fr.einvoicing.adoption.letter.LetterDispatch;
import fr.einvoicing.adoption.letter.LetterKind;
import fr.einvoicing.adoption.letter.LetterService;

/** Glue of "Prepare letter", "Send letter" and "Send reminder". */
@Configuration
public class LetterDelegates {

    @Bean
    public JavaDelegate prepareLetter(
            LetterService letters, CampaignCustomers customers, Campaigns campaigns, Clock clock) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            Letter letter = letters.prepareLetter(vars.customerRef());
            Campaign campaign = campaigns.get(customers.get(vars.customerRef()).campaignId());
            Instant deadline = letter.responseDeadline().toInstant();
            vars.letterId(letter.id());
            vars.responseDeadline(Date.from(deadline));
            Instant reminderAt = campaign.settings().reminderBefore() == null
                    ? null
                    : deadline.minus(campaign.settings().reminderBefore());
            boolean asksConsent = letter.kind() == LetterKind.LETTER;
            vars.reminder(
                    asksConsent && reminderAt != null && reminderAt.isAfter(clock.instant())
                            ? Date.from(reminderAt)
                            : null);
        };
    }

    @Bean
    public JavaDelegate sendLetter(LetterDispatch dispatch, OperatorTexts texts) {
        return execution -> {
            var vars = AdoptionVariables.of(execution);
            LetterDispatch.Dispatched result = dispatch.sendLetter(vars.letterId());
            vars.letterDelivered(result.delivered());
            if (!result.delivered()) {
                vars.contactIssue(texts.text("contactIssue.mailRefused", result.smtpReply()));
                throw new BpmnError(CustomerAdoptionProcess.ERROR_LETTER_UNDELIVERABLE, result.smtpReply());
            }
        };
    }

    @Bean
    public JavaDelegate sendReminder(LetterDispatch dispatch) {
        return execution ->
                dispatch.sendReminder(AdoptionVariables.of(execution).letterId());
    }
}
