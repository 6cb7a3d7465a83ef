package fr.einvoicing.adoption.process;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.ConsentMode;
import fr.einvoicing.adoption.letter.ConsentForecast;

/**
 * Evaluates consent-requirement.dmn once per distinct combination of its customer inputs (a handful,
 * however many customers), with today's date: the same decision the journeys will take.
 */
@Component
public class CamundaConsentForecast implements ConsentForecast {

    private final DecisionService decisions;
    private final CampaignCustomers customers;
    private final ProcessDates dates;

    public CamundaConsentForecast(DecisionService decisions, CampaignCustomers customers, ProcessDates dates) {
        this.decisions = decisions;
        this.customers = customers;
        this.dates = dates;
    }

    @Override
    public Set<ConsentMode> modesFor(Campaign campaign) {
        Set<ConsentMode> modes = EnumSet.noneOf(ConsentMode.class);
        for (CampaignCustomers.ConsentProfile profile : customers.consentProfiles(campaign.id())) {
            Map<String, Object> inputs = new HashMap<>();
            inputs.put(
                    AdoptionVariables.ISSUER_SIZE,
                    campaign.settings().issuerSize().name());
            inputs.put(AdoptionVariables.SEND_DATE, dates.today());
            inputs.put(AdoptionVariables.CUSTOMER_COUNTRY, profile.country());
            inputs.put(AdoptionVariables.VAT_REGISTERED, profile.vatRegistered());
            inputs.put(AdoptionVariables.PUBLIC_ENTITY, profile.publicEntity());
            var result = decisions
                    .evaluateDecisionTableByKey(CustomerAdoptionProcess.CONSENT_REQUIREMENT_DECISION, inputs)
                    .getSingleResult();
            modes.add(ConsentMode.valueOf(result.getEntry(AdoptionVariables.CONSENT_MODE)));
        }
        return modes;
    }
}
