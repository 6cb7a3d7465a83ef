package fr.einvoicing.adoption.followup;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.letter.HtmlToText;
import fr.einvoicing.adoption.mail.MailDeliveries;
import fr.einvoicing.adoption.mail.MailServerUnavailableException;
import fr.einvoicing.adoption.mail.MailTransport;
import fr.einvoicing.adoption.mail.OutgoingMail;
import fr.einvoicing.adoption.mail.SmtpResult;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * Sends one follow-up mail ({@code mailKind} input of the service task), once: a retry finds the
 * delivery already recorded. A relay outage fails the job (retries, then an incident); a
 * recipient refused for good is recorded and the follow-up goes on to its human fallback.
 */
@Component("sendFollowUpMail")
public class FollowUpMailer implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(FollowUpMailer.class);
    static final Duration LINK_VALIDITY = Duration.ofDays(120);

    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final MailDeliveries deliveries;
    private final MailTransport transport;
    private final ResponseTokens tokens;
    private final EvidenceLog evidence;
    private final ITemplateEngine templates;
    private final TransactionTemplate ownTransaction;
    private final java.time.Clock clock;
    private final WebinarSessions sessions;
    private final FollowUpRecords records;

    public FollowUpMailer(WebinarSessions sessions, FollowUpRecords records, CampaignCustomers customers, Campaigns campaigns, MailDeliveries deliveries,
                          MailTransport transport, ResponseTokens tokens, EvidenceLog evidence,
                          ITemplateEngine templates, PlatformTransactionManager transactionManager,
                          java.time.Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.records = records;
        this.customers = customers;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.transport = transport;
        this.tokens = tokens;
        this.evidence = evidence;
        this.templates = templates;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void execute(DelegateExecution execution) {
        FollowUpMailKind kind = FollowUpMailKind.valueOf((String) execution.getVariable("mailKind"));
        long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
        send(kind, customerRef);
    }

    public void send(FollowUpMailKind kind, long customerRef) {
        String key = "FOLLOWUP:" + kind + ":" + customerRef;
        var previous = deliveries.find(key);
        if (previous.isPresent() && previous.get().status() != MailDeliveries.Status.SENDING) {
            return;
        }
        CampaignCustomer customer = customers.get(customerRef);
        Campaign campaign = campaigns.get(customer.campaignId());
        String language = "en".equals(customer.language()) ? "en" : "fr";
        ResponseTokens.IssuedToken token = ownTransaction.execute(status -> {
            deliveries.attempt(key, customerRef, null, customer.email());
            return kind.withPersonalLink()
                    ? tokens.issue(customerRef, TokenPurpose.FOLLOW_UP, OffsetDateTime.now(clock).plus(LINK_VALIDITY))
                    : null;
        });
        Context context = new Context(Locale.forLanguageTag(language));
        context.setVariable("kind", kind.name());
        context.setVariable("customer", customer);
        context.setVariable("campaign", campaign);
        context.setVariable("link", token == null ? null : tokens.followUpLink(token.raw()));
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                "en".equals(language) ? "EEEE d MMMM yyyy 'at' HH:mm" : "EEEE d MMMM yyyy 'à' HH'h'mm",
                Locale.forLanguageTag(language));
        String zone = " (" + campaign.zone().getId() + ")";
        var upcoming = sessions.ofCampaign(campaign.id()).stream()
                .filter(sess -> sess.startsAt().toInstant().isAfter(clock.instant()))
                .map(sess -> sess.startsAt().atZoneSameInstant(campaign.zone()).format(format) + zone)
                .toList();
        var chosen = records.find(customerRef).map(FollowUpRecords.FollowUp::webinarSessionAt)
                .map(at -> at.atZoneSameInstant(campaign.zone()).format(format) + zone);
        context.setVariable("sessions", upcoming);
        context.setVariable("webinar", chosen.orElse(upcoming.isEmpty() ? null : upcoming.get(0)));
        String html = templates.process("followups/mail_" + language, context);
        OutgoingMail mail = new OutgoingMail(customer.email(), kind.subject(language), html, HtmlToText.convert(html), List.of());
        SmtpResult result;
        try {
            result = transport.send(mail);
        } catch (MailServerUnavailableException e) {
            ownTransaction.executeWithoutResult(status -> {
                if (token != null) {
                    tokens.revoke(token.id());
                }
                deliveries.failedAttempt(key, e.getMessage());
            });
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mail", kind.name());
        details.put("recipient", customer.email());
        if (result instanceof SmtpResult.Accepted accepted) {
            details.put("messageId", accepted.messageId());
            ownTransaction.executeWithoutResult(status -> {
                deliveries.sent(key, accepted.messageId());
                evidence.append(customerRef, EvidenceType.FOLLOW_UP_MAIL_SENT, "system:mail",
                        "Follow-up mail " + kind + " accepted by the mail relay", details);
            });
        } else {
            SmtpResult.Refused refused = (SmtpResult.Refused) result;
            String reply = refused.code() + " " + refused.reply();
            details.put("smtpReply", reply);
            ownTransaction.executeWithoutResult(status -> {
                deliveries.refused(key, reply);
                evidence.append(customerRef, EvidenceType.FOLLOW_UP_MAIL_REFUSED, "system:mail",
                        "Follow-up mail " + kind + " refused by the mail relay: " + reply, details);
            });
            log.info("{} refused by the mail relay with code {}", key, refused.code());
        }
    }
}
