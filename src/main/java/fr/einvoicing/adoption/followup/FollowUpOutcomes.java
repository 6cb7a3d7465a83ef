package fr.einvoicing.adoption.followup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;

/** What people decide in the follow-up tasks, kept in our tables and the evidence. */
@Configuration
public class FollowUpOutcomes {

    /** The account manager obtained the validation on the phone (or not). */
    @Bean
    public JavaDelegate recordTermsOutcome(FollowUpRecords records, EvidenceLog evidence) {
        return execution -> {
            long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
            String by = "user:" + execution.getVariable(FollowUpVariables.COMPLETED_BY);
            boolean validated = Boolean.TRUE.equals(execution.getVariable("termsValidatedByPhone"));
            String version = (String) execution.getVariable("termsVersion");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("termsVersion", version);
            details.put("validated", validated);
            details.put("note", execution.getVariable(FollowUpVariables.OUTCOME_NOTE));
            if (validated) {
                records.termsValidated(customerRef, version);
                evidence.append(customerRef, EvidenceType.TERMS_VALIDATED, by,
                        "Terms and conditions " + version + " validated on the phone", details);
            }
        };
    }

    /** Customer service says whether the customer attended the session. */
    @Bean
    public TaskListener recordWebinarAttendance(FollowUpRecords records, EvidenceLog evidence) {
        return task -> {
            long customerRef = ((Number) task.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
            boolean attended = "YES".equals(task.getVariable("webinarAttended"));
            records.webinarAttendance(customerRef, attended);
            evidence.append(customerRef, EvidenceType.WEBINAR_ATTENDANCE_RECORDED,
                    "user:" + task.getVariable(FollowUpVariables.COMPLETED_BY),
                    attended ? "Attended the webinar" : "Did not attend the webinar", Map.of("attended", attended));
        };
    }
}
