package fr.einvoicing.adoption.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.ConsentMode;

/** Renders a customer's letter or reminder, keeps it, and records its hash and template version. */
@Service
public class LetterService {

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final Letters letters;
    private final LetterRenderer renderer;
    private final EvidenceLog evidence;
    private final Clock clock;

    public LetterService(
            Campaigns campaigns,
            CampaignCustomers customers,
            Letters letters,
            LetterRenderer renderer,
            EvidenceLog evidence,
            Clock clock) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.letters = letters;
        this.renderer = renderer;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The campaign letter, answering by the customer's deadline (the campaign's unless extended). */
    @Transactional
    public Letter prepareLetter(long customerRef) {
        CampaignCustomer customer = customers.get(customerRef);
        Campaign campaign = campaigns.get(customer.campaignId());
        ZonedDateTime deadline = customer.responseDeadline() == null
                ? campaign.settings().deadline()
                : customer.responseDeadline()
                        .atZoneSameInstant(campaign.settings().zone());
        LetterKind kind =
                customer.consentMode() == ConsentMode.INFORM_ONLY ? LetterKind.INFORMATION : LetterKind.LETTER;
        Letter letter = store(kind, null, campaign, customer, deadline);
        customers.letterPrepared(customerRef, deadline.toOffsetDateTime());
        return letter;
    }

    /** The reminder of a letter, rendered once: a retry finds the one already rendered. */
    @Transactional
    public Letter prepareReminder(long parentLetterId) {
        return letters.reminderOf(parentLetterId).orElseGet(() -> {
            Letter parent = letters.get(parentLetterId);
            CampaignCustomer customer = customers.get(parent.customerRef());
            Campaign campaign = campaigns.get(customer.campaignId());
            return store(
                    LetterKind.REMINDER,
                    parentLetterId,
                    campaign,
                    customer,
                    parent.responseDeadline()
                            .atZoneSameInstant(campaign.settings().zone()));
        });
    }

    public Letter get(long letterId) {
        return letters.get(letterId);
    }

    private Letter store(
            LetterKind kind, Long parentId, Campaign campaign, CampaignCustomer customer, ZonedDateTime deadline) {
        LetterRenderer.Rendered rendered = renderer.render(kind, campaign, customer, deadline);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Letter letter = letters.insert(new Letter(
                0,
                customer.id(),
                kind,
                parentId,
                customer.language(),
                rendered.templateVersion(),
                customer.email(),
                rendered.subject(),
                rendered.html(),
                rendered.plainText(),
                EvidenceLog.sha256(rendered.html()),
                deadline.toOffsetDateTime(),
                now));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("letterId", letter.id());
        details.put("kind", kind.name());
        details.put("templateVersion", letter.templateVersion());
        details.put("contentHash", letter.contentHash());
        details.put("language", letter.language());
        details.put("recipient", letter.recipient());
        details.put("responseDeadline", deadline.toOffsetDateTime().toString());
        details.put(
                "silenceMeansAcceptance",
                kind != LetterKind.INFORMATION && campaign.settings().silenceMeansAcceptance());
        details.put(
                "consentMode",
                customer.consentMode() == null ? null : customer.consentMode().name());
        evidence.append(
                customer.id(),
                EvidenceType.LETTER_RENDERED,
                "system",
                switch (kind) {
                            case LETTER -> "Letter";
                            case INFORMATION -> "Information letter";
                            case REMINDER -> "Reminder";
                        } + " rendered from " + letter.templateVersion()
                        + ", content hash " + letter.contentHash().substring(0, 16) + "…",
                details);
        return letter;
    }
}
