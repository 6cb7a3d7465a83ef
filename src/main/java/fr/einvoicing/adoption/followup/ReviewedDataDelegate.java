package fr.einvoicing.adoption.followup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;

/**
 * Applies a data steward's decision: the customer's own identifiers and contact replace the file's
 * only when the steward says so; otherwise the file's stay and registration uses them.
 */
@Component("applyReviewedData")
public class ReviewedDataDelegate implements JavaDelegate {

    private final CampaignCustomers customers;
    private final CompanyChecks checks;
    private final EvidenceLog evidence;
    private final ObjectMapper json;

    public ReviewedDataDelegate(CampaignCustomers customers, CompanyChecks checks, EvidenceLog evidence, ObjectMapper json) {
        this.customers = customers;
        this.checks = checks;
        this.evidence = evidence;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
        String decision = (String) execution.getVariable(FollowUpVariables.REVIEW_DECISION);
        String by = "user:" + execution.getVariable(FollowUpVariables.COMPLETED_BY);
        String note = (String) execution.getVariable(FollowUpVariables.OUTCOME_NOTE);
        CampaignCustomer before = customers.get(customerRef);
        Map<String, Object> beforeValues = values(before.siren(), before.siret(), before.contactName());
        Map<String, Object> afterValues = beforeValues;
        switch (decision) {
            case FollowUpVariables.REVIEW_APPLY_CUSTOMER_DATA -> {
                String siren = (String) execution.getVariable(FollowUpVariables.SIREN);
                String siret = (String) execution.getVariable(FollowUpVariables.SIRET);
                if (siren != null && !CompanyIdentifiers.isValidSiren(siren) || siret != null && !CompanyIdentifiers.isValidSiret(siret)) {
                    throw new IllegalArgumentException("The customer's SIREN or SIRET is not valid; keep the file's data");
                }
                String contact = (String) execution.getVariable(FollowUpVariables.INVOICING_CONTACT_NAME);
                customers.updateMasterData(customerRef, siren, siret, contact);
                afterValues = values(siren, siret, contact);
            }
            case FollowUpVariables.REVIEW_KEEP_FILE_DATA -> {
                execution.setVariable(FollowUpVariables.SIREN, before.siren());
                execution.setVariable(FollowUpVariables.SIRET, before.siret());
                execution.setVariable(FollowUpVariables.INVOICING_CONTACT_NAME, before.contactName());
            }
            case FollowUpVariables.REVIEW_CANNOT_VERIFY -> {
                // registration waits: the gateway after this step ends the branch
            }
            default -> throw new IllegalArgumentException("Unknown review decision: " + decision);
        }
        checks.recordReview(customerRef, by, decision, json.writeValueAsString(beforeValues),
                json.writeValueAsString(afterValues), note);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decision);
        details.put("before", beforeValues);
        details.put("after", afterValues);
        details.put("note", note);
        evidence.append(customerRef, EvidenceType.MASTER_DATA_REVIEWED, by, "Company data reviewed: " + decision, details);
    }

    private static Map<String, Object> values(String siren, String siret, String contact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siren", siren);
        m.put("siret", siret);
        m.put("contactName", contact);
        return m;
    }
}
