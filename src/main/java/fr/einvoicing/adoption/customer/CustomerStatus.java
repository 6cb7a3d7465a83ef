package fr.einvoicing.adoption.customer;

/** Where a customer stands in the campaign. The last four are settled outcomes. */
public enum CustomerStatus {
    /** Imported, journey not started yet. */
    NEW,
    LETTER_PREPARED,
    AWAITING_RESPONSE,
    /** The mail server refused the letter; someone must reach the customer another way. */
    UNDELIVERABLE,
    /** No answer and no tacit acceptance possible; someone must reach the customer another way. */
    TO_REACH,
    /** The customer refused on the page; an account manager is handling it. */
    REFUSAL_IN_REVIEW,
    ACCEPTED_EXPLICITLY,
    ACCEPTED_TACITLY,
    REFUSED,
    NOT_REACHED;

    public boolean isSettled() {
        return this == ACCEPTED_EXPLICITLY || this == ACCEPTED_TACITLY || this == REFUSED || this == NOT_REACHED;
    }

    public boolean isAccepted() {
        return this == ACCEPTED_EXPLICITLY || this == ACCEPTED_TACITLY;
    }

    /** The journey is waiting for the customer's answer (or will be, once the letter is out). */
    public boolean isBeforeAnswer() {
        return this == NEW || this == LETTER_PREPARED || this == AWAITING_RESPONSE;
    }
}
