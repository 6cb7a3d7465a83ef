package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * The customer's follow-up page behind its token: what it shows (terms to validate, webinar sessions
 * open) and what a submission records, first in our tables and the evidence, then for the waiting
 * follow-ups.
 */
@Service
public class FollowUpPage {

    /** Where the requester came from, for the evidence. */
    public record Origin(String ip, String userAgent) {}

    /** One customer's page. */
    public record View(
            CampaignCustomer customer,
            Campaign campaign,
            Optional<FollowUpRecords.FollowUp> followUp,
            List<WebinarSessions.Session> sessions) {

        public boolean termsPending() {
            return campaign.settings().termsVersion() != null
                    && followUp.map(f -> !campaign.settings().termsVersion().equals(f.termsVersion()))
                            .orElse(true);
        }

        public List<WebinarSessions.Session> openSessions(OffsetDateTime now) {
            return sessions.stream().filter(s -> s.startsAt().isAfter(now)).toList();
        }

        public boolean webinarOpen(OffsetDateTime now) {
            return !openSessions(now).isEmpty()
                    && followUp.map(f -> f.webinarChosenAt() == null).orElse(true);
        }
    }

    private final ResponseTokens tokens;
    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final WebinarSessions sessions;
    private final FollowUpRecords records;
    private final EvidenceLog evidence;
    private final FollowUpJourneys journeys;
    private final Clock clock;

    public FollowUpPage(
            ResponseTokens tokens,
            CampaignCustomers customers,
            Campaigns campaigns,
            WebinarSessions sessions,
            FollowUpRecords records,
            EvidenceLog evidence,
            FollowUpJourneys journeys,
            Clock clock) {
        this.tokens = tokens;
        this.customers = customers;
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.records = records;
        this.evidence = evidence;
        this.journeys = journeys;
        this.clock = clock;
    }

    /** The page of a valid token; empty for an unknown, expired or revoked one. */
    public Optional<View> open(String token) {
        return tokens.resolve(token, TokenPurpose.FOLLOW_UP).map(valid -> {
            CampaignCustomer customer = customers.get(valid.customerRef());
            return new View(
                    customer,
                    campaigns.get(customer.campaignId()),
                    records.find(customer.id()),
                    sessions.ofCampaign(customer.campaignId()));
        });
    }

    /**
     * Records what the customer submitted: the terms validated (when asked and still pending), the
     * webinar session chosen or {@code "NONE"} (when sessions are open and none was chosen yet).
     */
    @Transactional
    public void submit(View page, boolean validateTerms, String webinar, Origin origin) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("ip", origin.ip());
        from.put("userAgent", origin.userAgent());
        String businessKey = page.customer().businessKey();
        if (validateTerms && page.termsPending()) {
            String version = page.campaign().settings().termsVersion();
            records.termsValidated(page.customer().id(), version);
            Map<String, Object> details = new LinkedHashMap<>(from);
            details.put("termsVersion", version);
            evidence.append(
                    page.customer().id(),
                    EvidenceType.TERMS_VALIDATED,
                    "customer",
                    "Terms and conditions " + version + " validated on the follow-up page",
                    details);
            journeys.termsValidated(businessKey);
        }
        var openSessions = page.openSessions(now);
        Optional<WebinarSessions.Session> chosen = webinar == null || "NONE".equals(webinar)
                ? Optional.empty()
                : openSessions.stream()
                        .filter(s -> String.valueOf(s.id()).equals(webinar))
                        .findFirst();
        if (webinar != null && page.webinarOpen(now) && ("NONE".equals(webinar) || chosen.isPresent())) {
            boolean attends = chosen.isPresent();
            OffsetDateTime sessionAt = chosen.map(WebinarSessions.Session::startsAt)
                    .orElse(openSessions.get(openSessions.size() - 1).startsAt());
            records.webinarChosen(page.customer().id(), attends ? sessionAt : null);
            Map<String, Object> details = new LinkedHashMap<>(from);
            details.put("session", attends ? sessionAt.toString() : "none");
            evidence.append(
                    page.customer().id(),
                    EvidenceType.WEBINAR_SESSION_CHOSEN,
                    "customer",
                    attends ? "Registered for the webinar of " + sessionAt : "Declined the webinar",
                    details);
            journeys.webinarChosen(businessKey, attends, sessionAt);
        }
    }
}
