package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.response.CustomerAnswer;
import fr.einvoicing.adoption.response.CustomerResponses;

/**
 * Decides whether and with what a customer's follow-ups start once its acceptance is recorded: only
 * for customers moving to e-invoicing, with what the customer said on the page winning over the file,
 * and the file's values kept beside them so that a data steward can compare.
 */
@Service
public class FollowUpPlanner {

    /** Sessions at least this far ahead leave time to invite and remind. */
    static final Duration WEBINAR_NOTICE = Duration.ofDays(1);

    private final CampaignCustomers customers;
    private final CustomerResponses responses;
    private final Campaigns campaigns;
    private final WebinarSessions sessions;
    private final FollowUpRecords records;
    private final EvidenceLog evidence;
    private final Clock clock;
    private final boolean enabled;

    public FollowUpPlanner(
            CampaignCustomers customers,
            CustomerResponses responses,
            Campaigns campaigns,
            WebinarSessions sessions,
            FollowUpRecords records,
            EvidenceLog evidence,
            Clock clock,
            OutsideServicesProperties properties) {
        this.customers = customers;
        this.responses = responses;
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.records = records;
        this.evidence = evidence;
        this.clock = clock;
        this.enabled = properties.followUps().enabled();
    }

    /** The follow-ups this customer needs, or empty when it needs none (follow-ups off, not e-invoicing). */
    @Transactional
    public Optional<FollowUpStart> plan(long customerRef, String campaignCode) {
        if (!enabled) {
            return Optional.empty();
        }
        CampaignCustomer customer = customers.get(customerRef);
        if (!customer.status().isEinvoicing()) {
            return Optional.empty();
        }
        CustomerAnswer answer = responses.ofCustomer(customerRef).stream()
                .filter(a -> a.accepted() || a.detailsOnly())
                .max(Comparator.comparing(CustomerAnswer::id))
                .orElse(null);
        String siren = answer != null && answer.siren() != null ? answer.siren() : customer.siren();
        String siret = answer != null && answer.siret() != null ? answer.siret() : customer.siret();
        String tool = answer == null
                ? null
                : "OTHER".equals(answer.supplierTool()) ? answer.supplierToolOther() : answer.supplierTool();
        String format = answer == null || answer.wantedFormat() == null ? "FACTURX" : answer.wantedFormat();
        var campaign = campaigns.get(customer.campaignId());
        boolean termsValidated = campaign.settings().termsVersion() == null
                || answer != null && campaign.settings().termsVersion().equals(answer.termsVersion());
        if (campaign.settings().termsVersion() != null && termsValidated) {
            records.termsValidated(customerRef, campaign.settings().termsVersion());
        }
        var ahead = sessions.ofCampaign(campaign.id()).stream()
                .filter(s -> s.startsAt().toInstant().isAfter(clock.instant().plus(WEBINAR_NOTICE)))
                .toList();
        return Optional.of(new FollowUpStart(
                customerRef,
                customer.businessKey(),
                campaignCode,
                customer.customerId(),
                customer.companyName(),
                customer.email(),
                customer.accountManager(),
                customer.siren(),
                customer.siret(),
                customer.contactName(),
                siren,
                siret,
                answer != null && answer.invoicingContactName() != null
                        ? answer.invoicingContactName()
                        : customer.contactName(),
                answer != null && answer.invoicingContactEmail() != null
                        ? answer.invoicingContactEmail()
                        : customer.email(),
                tool,
                format,
                answer == null || answer.deliveryMode() == null ? "EACH_INVOICE" : answer.deliveryMode(),
                tool != null || answer != null && "EDI".equals(answer.wantedFormat()),
                campaign.settings().termsVersion(),
                termsValidated,
                ahead.isEmpty() ? null : ahead.get(ahead.size() - 1).startsAt()));
    }

    /** The evidence that the follow-ups started. */
    public void started(FollowUpStart start) {
        evidence.append(
                start.customerRef(),
                EvidenceType.FOLLOW_UPS_STARTED,
                "system",
                "Follow-ups started after acceptance",
                Map.of("siretChecked", String.valueOf(start.siret())));
    }
}
