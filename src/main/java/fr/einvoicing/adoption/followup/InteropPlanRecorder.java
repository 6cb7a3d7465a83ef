package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;

/** Keeps the integration team's plan with the customer's record. */
@Component("recordInteropPlan")
public class InteropPlanRecorder implements JavaDelegate {

    private final JdbcClient jdbc;
    private final EvidenceLog evidence;
    private final Clock clock;

    public InteropPlanRecorder(JdbcClient jdbc, EvidenceLog evidence, Clock clock) {
        this.jdbc = jdbc;
        this.evidence = evidence;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
        String by = String.valueOf(execution.getVariable(FollowUpVariables.COMPLETED_BY));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.sql("update follow_up set interop_planned_by = ?, updated_at = ? where customer_ref = ?")
                .params(by, now, customerRef).update();
        if (updated == 0) {
            jdbc.sql("insert into follow_up (customer_ref, interop_planned_by, updated_at) values (?, ?, ?)")
                    .params(customerRef, by, now).update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("supplierTool", execution.getVariable(FollowUpVariables.SUPPLIER_TOOL));
        details.put("wantedFormat", execution.getVariable(FollowUpVariables.WANTED_FORMAT));
        details.put("plan", execution.getVariable("interopPlan"));
        details.put("customerContacted", execution.getVariable("customerContacted"));
        evidence.append(customerRef, EvidenceType.INTEROPERABILITY_PLANNED, "user:" + by, "Interoperability planned", details);
    }
}
