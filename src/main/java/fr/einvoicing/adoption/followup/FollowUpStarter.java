package fr.einvoicing.adoption.followup;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.process.AdoptionVariables;
import fr.einvoicing.adoption.response.CustomerAnswer;
import fr.einvoicing.adoption.response.CustomerResponses;

/**
 * Starts a customer's follow-ups once their acceptance is recorded (the message end events of the
 * customer-adoption process call it). What the customer said on the page wins over the file; the
 * file's values travel along so that a data steward can compare. Starts once per customer.
 */
@Component("startFollowUps")
public class FollowUpStarter implements JavaDelegate {

    private final CampaignCustomers customers;
    private final CustomerResponses responses;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final EvidenceLog evidence;
    private final boolean enabled;
    private final Campaigns campaigns;
    private final FollowUpRecords records;
    private final java.time.Clock clock;
    private final WebinarSessions sessions;

    public FollowUpStarter(WebinarSessions sessions, CampaignCustomers customers, CustomerResponses responses, RuntimeService runtime,
                           HistoryService history, EvidenceLog evidence, OutsideServicesProperties properties,
                           Campaigns campaigns, FollowUpRecords records,
                           java.time.Clock clock) {
        this.campaigns = campaigns;
        this.records = records;
        this.clock = clock;
        this.sessions = sessions;
        this.enabled = properties.followUps().enabled();
        this.customers = customers;
        this.responses = responses;
        this.runtime = runtime;
        this.history = history;
        this.evidence = evidence;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!enabled) {
            return;
        }
        long customerRef = ((Number) execution.getVariable(AdoptionVariables.CUSTOMER_REF)).longValue();
        CampaignCustomer customer = customers.get(customerRef);
        if (!customer.status().isEinvoicing()) {
            return;
        }
        boolean started = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(FollowUpVariables.PROCESS_KEY)
                .processInstanceBusinessKey(customer.businessKey()).count() > 0;
        if (started) {
            return;
        }
        CustomerAnswer answer = responses.ofCustomer(customerRef).stream()
                .filter(a -> a.accepted() || a.detailsOnly())
                .max(Comparator.comparing(CustomerAnswer::id))
                .orElse(null);
        Map<String, Object> vars = new HashMap<>();
        vars.put(FollowUpVariables.CUSTOMER_REF, customerRef);
        vars.put(FollowUpVariables.CAMPAIGN_CODE, execution.getVariable(AdoptionVariables.CAMPAIGN_CODE));
        vars.put(FollowUpVariables.CUSTOMER_ID, customer.customerId());
        vars.put(FollowUpVariables.COMPANY_NAME, customer.companyName());
        vars.put(FollowUpVariables.CUSTOMER_EMAIL, customer.email());
        vars.put(FollowUpVariables.ACCOUNT_MANAGER, customer.accountManager());
        vars.put(FollowUpVariables.FILE_SIREN, customer.siren());
        vars.put(FollowUpVariables.FILE_SIRET, customer.siret());
        vars.put(FollowUpVariables.FILE_CONTACT, customer.contactName());
        String siren = answer != null && answer.siren() != null ? answer.siren() : customer.siren();
        String siret = answer != null && answer.siret() != null ? answer.siret() : customer.siret();
        vars.put(FollowUpVariables.SIREN, siren);
        vars.put(FollowUpVariables.SIRET, siret);
        vars.put(FollowUpVariables.REGISTRY_QUERY, siret != null ? siret : siren);
        vars.put(FollowUpVariables.INVOICING_CONTACT_NAME,
                answer != null && answer.invoicingContactName() != null ? answer.invoicingContactName() : customer.contactName());
        vars.put(FollowUpVariables.INVOICING_CONTACT_EMAIL,
                answer != null && answer.invoicingContactEmail() != null ? answer.invoicingContactEmail() : customer.email());
        String tool = answer == null ? null
                : "OTHER".equals(answer.supplierTool()) ? answer.supplierToolOther() : answer.supplierTool();
        vars.put(FollowUpVariables.SUPPLIER_TOOL, tool);
        vars.put(FollowUpVariables.WANTED_FORMAT, answer == null || answer.wantedFormat() == null ? "FACTURX" : answer.wantedFormat());
        vars.put(FollowUpVariables.DELIVERY_MODE, answer == null || answer.deliveryMode() == null ? "EACH_INVOICE" : answer.deliveryMode());
        vars.put(FollowUpVariables.INTEROP_NEEDED, tool != null || answer != null && "EDI".equals(answer.wantedFormat()));
        var campaign = campaigns.get(customer.campaignId());
        boolean termsValidated = campaign.termsVersion() == null
                || answer != null && campaign.termsVersion().equals(answer.termsVersion());
        if (campaign.termsVersion() != null && termsValidated) {
            records.termsValidated(customerRef, campaign.termsVersion());
        }
        vars.put("termsValidated", termsValidated);
        vars.put("termsVersion", campaign.termsVersion());
        // sessions at least a day ahead leave time to invite and remind
        var ahead = sessions.ofCampaign(campaign.id()).stream()
                .filter(s -> s.startsAt().toInstant().isAfter(clock.instant().plus(java.time.Duration.ofDays(1))))
                .toList();
        vars.put("webinarOffered", !ahead.isEmpty());
        if (!ahead.isEmpty()) {
            vars.put("lastSessionAt", java.util.Date.from(ahead.get(ahead.size() - 1).startsAt().toInstant()));
        }
        runtime.startProcessInstanceByKey(FollowUpVariables.PROCESS_KEY, customer.businessKey(), vars);
        evidence.append(customerRef, EvidenceType.FOLLOW_UPS_STARTED, "system",
                "Follow-ups started after acceptance", Map.of("siretChecked", String.valueOf(siret)));
    }
}
