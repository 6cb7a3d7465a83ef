package fr.einvoicing.adoption.customer;

/** What the letter asks of a customer, as {@code bpmn/consent-requirement.dmn} decides it. */
public enum ConsentMode {
    /** The letter asks for consent, with a deadline (and tacit acceptance when the campaign says so). */
    CONSENT,
    /** E-invoicing is mandatory between us: the letter informs and collects routing details only. */
    INFORM_ONLY
}
