package fr.einvoicing.adoption.customer;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One customer of one campaign: the unit of the adoption journey.
 *
 * @param consentMode what {@code consent-requirement.dmn} decided when the journey started; null before
 */
public record CampaignCustomer(
        long id,
        long campaignId,
        String customerId,
        String businessKey,
        String companyName,
        String contactName,
        String email,
        String siren,
        String siret,
        String language,
        String segment,
        String accountManager,
        Map<String, String> attributes,
        CustomerStatus status,
        OffsetDateTime responseDeadline,
        boolean letterDelivered,
        String processInstanceId,
        OffsetDateTime outcomeAt,
        String outcomeBy,
        String country,
        boolean vatRegistered,
        boolean publicEntity,
        ConsentMode consentMode) {

    /** The same customer, read in another language (previews of the letter). */
    public CampaignCustomer withLanguage(String otherLanguage) {
        return new CampaignCustomer(
                id,
                campaignId,
                customerId,
                businessKey,
                companyName,
                contactName,
                email,
                siren,
                siret,
                otherLanguage,
                segment,
                accountManager,
                attributes,
                status,
                responseDeadline,
                letterDelivered,
                processInstanceId,
                outcomeAt,
                outcomeBy,
                country,
                vatRegistered,
                publicEntity,
                consentMode);
    }

    /** The same customer, as if the decision had been the given one (previews of each letter). */
    public CampaignCustomer withConsentMode(ConsentMode mode) {
        return new CampaignCustomer(
                id,
                campaignId,
                customerId,
                businessKey,
                companyName,
                contactName,
                email,
                siren,
                siret,
                language,
                segment,
                accountManager,
                attributes,
                status,
                responseDeadline,
                letterDelivered,
                processInstanceId,
                outcomeAt,
                outcomeBy,
                country,
                vatRegistered,
                publicEntity,
                mode);
    }

    /** Business key of the journey: {@code <campaign code>:<customer id>}. */
    /** What process_instance_id holds while one starter has claimed the journey and not started it yet. */
    public static final String JOURNEY_STARTING = "STARTING";

    /** Whether the journey runs (or ran) in the engine: there is a process instance to open or to talk to. */
    public boolean hasJourney() {
        return processInstanceId != null && !JOURNEY_STARTING.equals(processInstanceId);
    }

    public static String businessKey(String campaignCode, String customerId) {
        return campaignCode + ":" + customerId;
    }
}
