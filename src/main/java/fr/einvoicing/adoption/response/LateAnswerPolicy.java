package fr.einvoicing.adoption.response;

import fr.einvoicing.adoption.customer.CustomerStatus;

/** Whether an answer that arrives after the outcome (late, or a second one) changes anything. */
final class LateAnswerPolicy {

    private LateAnswerPolicy() {}

    static boolean changesOutcome(CustomerStatus status, boolean accepts) {
        return switch (status) {
            case ACCEPTED_EXPLICITLY, ACCEPTED_TACITLY -> !accepts;
            case REFUSED, REFUSAL_IN_REVIEW -> accepts;
            case UNDELIVERABLE, TO_REACH, NOT_REACHED -> true;
            case NEW, LETTER_PREPARED, AWAITING_RESPONSE -> false;
            // compulsory between us: later details are recorded, nothing to reconsider
            case INFORMED -> false;
        };
    }
}
