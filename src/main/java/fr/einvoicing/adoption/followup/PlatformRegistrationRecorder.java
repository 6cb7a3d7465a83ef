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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;

/** Keeps the platform's answer to a registration in our own table and the evidence. */
@Component("recordPlatformRegistration")
public class PlatformRegistrationRecorder implements JavaDelegate {

    private final JdbcClient jdbc;
    private final EvidenceLog evidence;
    private final OutsideServices services;
    private final ObjectMapper json;
    private final Clock clock;

    public PlatformRegistrationRecorder(JdbcClient jdbc, EvidenceLog evidence, OutsideServices services,
                                        ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.evidence = evidence;
        this.services = services;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
        String key = services.platformIdempotencyKey(execution);
        Object answer = execution.getVariable(FollowUpVariables.PLATFORM_ANSWER);
        int status = ((Number) execution.getVariable(FollowUpVariables.PLATFORM_STATUS)).intValue();
        execution.removeVariable(FollowUpVariables.PLATFORM_ANSWER);
        String responseBody = answer == null ? null : answer.toString();
        JsonNode root = json.readTree(responseBody == null ? "{}" : responseBody);
        String reference = root.path("registrationId").asText(root.path("id").asText(null));
        boolean already = jdbc.sql("select count(*) from platform_registration where idempotency_key = ?")
                .param(key).query(Integer.class).single() > 0;
        if (!already) {
            jdbc.sql("""
                    insert into platform_registration (customer_ref, idempotency_key, registered_at, http_status,
                        platform_reference, request_body, response_body) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(customerRef, key, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), status,
                            reference, services.platformRegistrationBody(execution), truncate(responseBody))
                    .update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("platformReference", reference);
            details.put("httpStatus", status);
            details.put("idempotencyKey", key);
            evidence.append(customerRef, EvidenceType.PLATFORM_REGISTERED, "system:platform",
                    "Delivery preferences registered on the invoicing platform", details);
        }
        execution.setVariable("platformReference", reference);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000);
    }
}
