package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.letter.HtmlToText;
import fr.einvoicing.adoption.mail.OutgoingMail;
import fr.einvoicing.adoption.mail.SendOnce;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * Sends one follow-up mail (the service task's {@code mailKind} input names it), once ({@link SendOnce}): a
 * retry finds the delivery already recorded. A relay outage fails the job (retries, then an
 * incident); a recipient refused for good is recorded and the follow-up goes on to its human fallback.
 */
@Component
public class FollowUpMailer {

    static final Duration LINK_VALIDITY = Duration.ofDays(120);

    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final SendOnce sendOnce;
    private final ResponseTokens tokens;
    private final EvidenceLog evidence;
    private final ITemplateEngine templates;
    private final Clock clock;
    private final WebinarSessions sessions;
    private final FollowUpRecords records;

    public FollowUpMailer(
            WebinarSessions sessions,
            FollowUpRecords records,
            CampaignCustomers customers,
            Campaigns campaigns,
            SendOnce sendOnce,
            ResponseTokens tokens,
            EvidenceLog evidence,
            ITemplateEngine templates,
            Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.records = records;
        this.customers = customers;
        this.campaigns = campaigns;
        this.sendOnce = sendOnce;
        this.tokens = tokens;
        this.evidence = evidence;
        this.templates = templates;
    }

    public void send(FollowUpMailKind kind, long customerRef) {
        CampaignCustomer customer = customers.get(customerRef);
        Campaign campaign = campaigns.get(customer.campaignId());
        sendOnce.send(
                new SendOnce.Mail("FOLLOWUP:" + kind + ":" + customerRef, customerRef, null, customer.email()),
                SendOnce.steps(
                        () -> kind.withPersonalLink()
                                ? link(tokens.issue(
                                        customerRef,
                                        TokenPurpose.FOLLOW_UP,
                                        OffsetDateTime.now(clock).plus(LINK_VALIDITY)))
                                : null,
                        token -> compose(kind, customer, campaign, token),
                        token -> tokens.revoke(token.id()),
                        outcome -> record(kind, customer, outcome)));
    }

    private OutgoingMail compose(
            FollowUpMailKind kind, CampaignCustomer customer, Campaign campaign, SendOnce.Link token) {
        String language = "en".equals(customer.language()) ? "en" : "fr";
        Context context = new Context(Locale.forLanguageTag(language));
        context.setVariable("kind", kind.name());
        context.setVariable("customer", customer);
        context.setVariable("campaign", campaign);
        context.setVariable("link", token == null ? null : tokens.followUpLink(token.raw()));
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                "en".equals(language) ? "EEEE d MMMM yyyy 'at' HH:mm" : "EEEE d MMMM yyyy 'à' HH'h'mm",
                Locale.forLanguageTag(language));
        String zone = " (" + campaign.settings().zone().getId() + ")";
        var upcoming = sessions.ofCampaign(campaign.id()).stream()
                .filter(sess -> sess.startsAt().toInstant().isAfter(clock.instant()))
                .map(sess -> sess.startsAt()
                                .atZoneSameInstant(campaign.settings().zone())
                                .format(format)
                        + zone)
                .toList();
        var chosen = records.find(customer.id())
                .map(FollowUpRecords.FollowUp::webinarSessionAt)
                .map(at -> at.atZoneSameInstant(campaign.settings().zone()).format(format) + zone);
        context.setVariable("sessions", upcoming);
        context.setVariable("webinar", chosen.orElse(upcoming.isEmpty() ? null : upcoming.get(0)));
        String html = templates.process("followups/mail_" + language, context);
        return new OutgoingMail(customer.email(), kind.subject(language), html, HtmlToText.convert(html), List.of());
    }

    private static SendOnce.Link link(ResponseTokens.IssuedToken token) {
        return new SendOnce.Link(token.id(), token.raw());
    }

    /** The relay's answer, in the customer's evidence. */
    private void record(FollowUpMailKind kind, CampaignCustomer customer, SendOnce.Outcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mail", kind.name());
        details.put("recipient", customer.email());
        if (outcome.accepted()) {
            details.put("messageId", outcome.messageId());
            String description = "Follow-up mail " + kind + " accepted by the mail relay";
            if (outcome.possibleRepeat()) {
                details.put("attempts", outcome.attempts());
                details.put("possibleRepeat", true);
                description += SendOnce.REPEAT_NOTE;
            }
            evidence.append(customer.id(), EvidenceType.FOLLOW_UP_MAIL_SENT, "system:mail", description, details);
        } else {
            details.put("smtpReply", outcome.smtpReply());
            evidence.append(
                    customer.id(),
                    EvidenceType.FOLLOW_UP_MAIL_REFUSED,
                    "system:mail",
                    "Follow-up mail " + kind + " refused by the mail relay: " + outcome.smtpReply(),
                    details);
        }
    }
}
