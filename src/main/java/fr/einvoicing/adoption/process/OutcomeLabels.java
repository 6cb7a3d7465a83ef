package fr.einvoicing.adoption.process;

import fr.einvoicing.adoption.customer.CustomerStatus;

/** Words for a customer's status, as operators read them in Tasklist. */
final class OutcomeLabels {

    private OutcomeLabels() {
    }

    static String of(CustomerStatus status) {
        return switch (status) {
            case NEW -> "Not contacted yet";
            case LETTER_PREPARED -> "Letter being sent";
            case AWAITING_RESPONSE -> "Waiting for the customer's answer";
            case UNDELIVERABLE -> "Letter refused by the mail server; contact being fixed";
            case TO_REACH -> "No answer; being reached another way";
            case REFUSAL_IN_REVIEW -> "Refused; an account manager is handling it";
            case ACCEPTED_EXPLICITLY -> "E-invoicing accepted explicitly";
            case ACCEPTED_TACITLY -> "E-invoicing accepted tacitly";
            case REFUSED -> "Paper kept at the customer's request";
            case NOT_REACHED -> "Customer not reached; paper continues";
            case INFORMED -> "Informed that e-invoicing applies (no consent needed)";
        };
    }
}
