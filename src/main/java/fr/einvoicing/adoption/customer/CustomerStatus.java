package fr.einvoicing.adoption.customer;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Where a customer stands in the campaign. The last five are settled outcomes. */
public enum CustomerStatus {
    /** Imported, journey not started yet. */
    NEW("Not started"),
    LETTER_PREPARED("Letter being sent"),
    AWAITING_RESPONSE("Awaiting answer"),
    /** The mail server refused the letter; someone must reach the customer another way. */
    UNDELIVERABLE("Letter bounced"),
    /** No answer and no tacit acceptance possible; someone must reach the customer another way. */
    TO_REACH("To reach another way"),
    /** The customer refused on the page; an account manager is handling it. */
    REFUSAL_IN_REVIEW("Refusal being handled"),
    ACCEPTED_EXPLICITLY("Accepted"),
    ACCEPTED_TACITLY("Accepted tacitly"),
    REFUSED("Refused, paper kept"),
    NOT_REACHED("Not reached"),
    /** E-invoicing is compulsory between us: the customer was informed (consent-requirement.dmn). */
    INFORMED("Informed, e-invoicing applies");

    private final String label;

    CustomerStatus(String label) {
        this.label = label;
    }

    /** What a manager reads on the pages. */
    public String label() {
        return label;
    }

    public boolean isSettled() {
        return this == ACCEPTED_EXPLICITLY
                || this == ACCEPTED_TACITLY
                || this == REFUSED
                || this == NOT_REACHED
                || this == INFORMED;
    }

    public boolean isAccepted() {
        return this == ACCEPTED_EXPLICITLY || this == ACCEPTED_TACITLY;
    }

    /** Invoices go electronic: accepted, or compulsory and informed. Follow-ups apply. */
    public boolean isEinvoicing() {
        return isAccepted() || this == INFORMED;
    }

    /** The journey is waiting for the customer's answer (or will be, once the letter is out). */
    public boolean isBeforeAnswer() {
        return this == NEW || this == LETTER_PREPARED || this == AWAITING_RESPONSE;
    }

    /** The statuses that pass the test as a SQL list of literals, {@code ('A', 'B')}, for queries that group by them. */
    public static String sqlList(Predicate<CustomerStatus> which) {
        return Arrays.stream(values())
                .filter(which)
                .map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
