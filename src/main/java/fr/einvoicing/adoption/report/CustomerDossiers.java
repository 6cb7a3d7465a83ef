package fr.einvoicing.adoption.report;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.letter.Letters;
import fr.einvoicing.adoption.response.CustomerResponses;

/** Loads a customer's dossier by campaign code and customer id. */
@Service
public class CustomerDossiers {

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final Letters letters;
    private final CustomerResponses responses;
    private final EvidenceLog evidence;

    public CustomerDossiers(
            Campaigns campaigns,
            CampaignCustomers customers,
            Letters letters,
            CustomerResponses responses,
            EvidenceLog evidence) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.letters = letters;
        this.responses = responses;
        this.evidence = evidence;
    }

    @Transactional(readOnly = true)
    public Optional<CustomerDossier> load(String campaignCode, String customerId) {
        return campaigns.findByCode(campaignCode).flatMap(campaign -> customers
                .findByCustomerId(campaign.id(), customerId)
                .map(customer -> {
                    var entries = evidence.entries(customer.id());
                    return new CustomerDossier(
                            campaign,
                            customer,
                            letters.ofCustomer(customer.id()),
                            responses.ofCustomer(customer.id()),
                            entries,
                            EvidenceLog.verify(entries));
                }));
    }
}
