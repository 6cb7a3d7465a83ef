package fr.einvoicing.adoption.campaign;

public enum CampaignStatus {
    /** Created, customers imported, letters not sent yet. */
    DRAFT,
    /** Letters are out; customers are answering. */
    RUNNING,
    CLOSED,
    /** Stopped before any letter went out (import errors not accepted). */
    CANCELLED
}
