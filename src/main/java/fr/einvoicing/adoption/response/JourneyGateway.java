package fr.einvoicing.adoption.response;

import fr.einvoicing.adoption.customer.CampaignCustomer;

/** How an answer reaches the customer's journey. Implemented by the process glue. */
public interface JourneyGateway {

    /**
     * Hands the answer to the journey waiting for it.
     *
     * @return false when no journey waits for an answer right now (try again later)
     */
    boolean deliverAnswer(CampaignCustomer customer, CustomerAnswer answer);

    /** Asks a person to look at an answer that came after the outcome and would change it. */
    void startLateAnswerReview(CampaignCustomer customer, CustomerAnswer answer);
}
