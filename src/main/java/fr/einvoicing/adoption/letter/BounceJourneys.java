package fr.einvoicing.adoption.letter;

import fr.einvoicing.adoption.customer.CampaignCustomer;

/** What a late bounce does to a customer's journey (Camunda, in the process package). */
public interface BounceJourneys {

    /** Ends the wait for an answer and sends the customer to "Reach customer another way", if it is waiting. */
    boolean letterBounced(CampaignCustomer customer, String reason);

    /** Puts the bounce of a letter whose silence already counted in front of a person. */
    void reviewBounceAfterAcceptance(CampaignCustomer customer, String reason);
}
