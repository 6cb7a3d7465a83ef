package fr.einvoicing.adoption.campaign;

import java.util.List;

import fr.einvoicing.adoption.customer.CampaignCustomer;

/** Starts the adoption journey of one customer. Implemented by the process glue. */
public interface CustomerJourneys {

    /**
     * Starts the customer's journey unless it was already started; at most one journey per customer
     * per campaign, whatever the retries.
     *
     * @return true when this call started it
     */
    boolean startOnce(Campaign campaign, CampaignCustomer customer);

    /**
     * Starts the journeys of these customers (each once, as {@link #startOnce}) in one transaction of its
     * own, committed before this returns, whatever transaction the caller runs in.
     *
     * @return how many this call started
     */
    long startEach(Campaign campaign, List<CampaignCustomer> customers);
}
