package fr.einvoicing.adoption.response;

import java.time.OffsetDateTime;

/** An answer as stored, before and after it reached the customer's journey. */
public record CustomerAnswer(
        long id,
        long customerRef,
        OffsetDateTime receivedAt,
        String decision,
        String refusalReason,
        String refusalComment,
        Boolean usesSupplierTool,
        String supplierTool,
        String supplierToolOther,
        String wantedFormat,
        String deliveryMode,
        String siren,
        String siret,
        String invoicingContactName,
        String invoicingContactEmail,
        String termsVersion,
        String language,
        String answerHash,
        boolean inTime,
        Routing routing) {

    /** Where the answer went after it was stored. */
    public enum Routing {
        /** Stored; not yet handed to the journey (it may still be sending the letter). */
        PENDING,
        /** Received by the journey waiting for it. */
        DELIVERED,
        /** Late or repeated, and changes nothing: kept as evidence only. */
        NO_CHANGE,
        /** Late or repeated, and changes the outcome: a person reviews it. */
        REVIEW_STARTED
    }

    public boolean accepted() {
        return "ACCEPT".equals(decision);
    }

    /** An answer to an information letter: routing details, no decision to take. */
    public boolean detailsOnly() {
        return AnswerChoices.DETAILS.equals(decision);
    }
}
