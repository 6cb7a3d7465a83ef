package fr.einvoicing.adoption.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CustomerJourneys;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;

/** Starts {@code customer-adoption} for one customer, once: the claim on the customer's row guards it. */
@Component
public class CamundaCustomerJourneys implements CustomerJourneys {

    private final RuntimeService runtime;
    private final CampaignCustomers customers;

    private final ObjectProvider<ProcessEngine> engine;

    public CamundaCustomerJourneys(
            RuntimeService runtime, CampaignCustomers customers, ObjectProvider<ProcessEngine> engine) {
        this.runtime = runtime;
        this.customers = customers;
        this.engine = engine;
    }

    /**
     * In an engine command of its own: started from a job (a campaign's wave), the journeys would otherwise
     * pile up in the job's command context, which Camunda flushes only at the job's end, sorting every
     * insert against the others: a wave of 10,000 journeys then held its job for more than a quarter of an
     * hour with no letter out, and every journey was lost if the node stopped. Here each chunk commits on
     * its own; a crash loses at most the chunk under way, started again by the wave's retry.
     */
    @Override
    public long startEach(Campaign campaign, List<CampaignCustomer> chunk) {
        var configuration = ((ProcessEngineImpl) engine.getObject()).getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequiresNew().execute(context -> chunk.stream()
                .filter(customer -> startOnce(campaign, customer))
                .count());
    }

    @Override
    @Transactional
    public boolean startOnce(Campaign campaign, CampaignCustomer customer) {
        if (!customers.claimJourneyStart(customer.id())) {
            return false;
        }
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                CustomerAdoptionProcess.PROCESS_KEY, customer.businessKey(), startVariables(campaign, customer));
        customers.journeyStarted(customer.id(), instance.getId());
        return true;
    }

    static Map<String, Object> startVariables(Campaign campaign, CampaignCustomer customer) {
        Map<String, Object> vars = customerVariables(campaign, customer);
        vars.put(
                AdoptionVariables.PRINTABLE_LETTER_URL,
                StaffLinks.printableLetter(campaign.code(), customer.customerId()));
        vars.put(AdoptionVariables.ISSUER_SIZE, campaign.settings().issuerSize().name());
        vars.put(AdoptionVariables.CUSTOMER_COUNTRY, customer.country());
        vars.put(AdoptionVariables.VAT_REGISTERED, customer.vatRegistered());
        vars.put(AdoptionVariables.PUBLIC_ENTITY, customer.publicEntity());
        return vars;
    }

    /** Who the journey is about, as every process of a customer carries it (forms show these). */
    static Map<String, Object> customerVariables(Campaign campaign, CampaignCustomer customer) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(AdoptionVariables.CUSTOMER_REF, customer.id());
        vars.put(AdoptionVariables.CAMPAIGN_CODE, campaign.code());
        vars.put(AdoptionVariables.CUSTOMER_ID, customer.customerId());
        vars.put(AdoptionVariables.COMPANY_NAME, customer.companyName());
        vars.put(AdoptionVariables.CONTACT_NAME, customer.contactName());
        vars.put(AdoptionVariables.CUSTOMER_EMAIL, customer.email());
        vars.put(AdoptionVariables.ACCOUNT_MANAGER, customer.accountManager());
        vars.put(AdoptionVariables.SEGMENT, customer.segment());
        vars.put(AdoptionVariables.EVIDENCE_URL, StaffLinks.evidencePack(campaign.code(), customer.customerId()));
        return vars;
    }
}
