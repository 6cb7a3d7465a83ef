package fr.einvoicing.adoption.report;

import java.util.List;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.consent.EvidenceEntry;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.letter.Letter;
import fr.einvoicing.adoption.response.CustomerAnswer;

/** Everything the application holds about one customer of one campaign. */
public record CustomerDossier(
        Campaign campaign,
        CampaignCustomer customer,
        List<Letter> letters,
        List<CustomerAnswer> answers,
        List<EvidenceEntry> evidence,
        EvidenceLog.Verification verification) {}
