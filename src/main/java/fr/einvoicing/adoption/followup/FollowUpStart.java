package fr.einvoicing.adoption.followup;

import java.time.OffsetDateTime;

/**
 * What a customer's follow-ups start with: who the customer is in our file, what it told us on the
 * response page (which wins over the file), and which follow-ups it needs.
 */
public record FollowUpStart(
        long customerRef,
        String businessKey,
        String campaignCode,
        String customerId,
        String companyName,
        String customerEmail,
        String accountManager,
        /* the file's identifiers and contact, for the data steward to compare */
        String fileSiren,
        String fileSiret,
        String fileContact,
        /* the identifiers and contact to use: the customer's answer, else the file's */
        String siren,
        String siret,
        String invoicingContactName,
        String invoicingContactEmail,
        String supplierTool,
        String wantedFormat,
        String deliveryMode,
        boolean interopNeeded,
        /* terms and conditions: validated on the response page, or still to validate */
        String termsVersion,
        boolean termsValidated,
        /* the last webinar session a day ahead or more; null when none is offered */
        OffsetDateTime lastSessionAt) {

    /** The registry is asked about the establishment when its SIRET is known, else about the company. */
    public String registryQuery() {
        return siret != null ? siret : siren;
    }

    public boolean webinarOffered() {
        return lastSessionAt != null;
    }
}
