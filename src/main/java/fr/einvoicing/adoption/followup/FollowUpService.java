package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;

/**
 * What the people and the outside services of the follow-ups decided, kept in our own tables and in
 * the customer's evidence: a data steward's review of the company data, the integration team's plan,
 * the terms validated on the phone, the webinar attendance, the platform's registration.
 */
@Service
public class FollowUpService {

    /** A data steward's decision on company data that did not match. */
    public enum ReviewDecision {
        /** the customer's own identifiers and contact replace the file's */
        APPLY_CUSTOMER_DATA,
        /** the file's stay, and registration uses them */
        KEEP_FILE_DATA,
        /** nobody could tell: registration waits */
        CANNOT_VERIFY
    }

    /** Identifiers and invoicing contact of a company. */
    public record CompanyData(String siren, String siret, String contactName) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("siren", siren);
            m.put("siret", siret);
            m.put("contactName", contactName);
            return m;
        }
    }

    private final CampaignCustomers customers;
    private final CompanyChecks checks;
    private final FollowUpRecords records;
    private final EvidenceLog evidence;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public FollowUpService(
            CampaignCustomers customers,
            CompanyChecks checks,
            FollowUpRecords records,
            EvidenceLog evidence,
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock) {
        this.customers = customers;
        this.checks = checks;
        this.records = records;
        this.evidence = evidence;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies a data steward's decision and returns the company data registration goes on with: the
     * customer's when the steward says so (checked first), the file's otherwise.
     */
    @Transactional
    public CompanyData applyReview(
            long customerRef, ReviewDecision decision, CompanyData customerGave, String by, String note) {
        CampaignCustomer customer = customers.get(customerRef);
        CompanyData file = new CompanyData(customer.siren(), customer.siret(), customer.contactName());
        CompanyData kept =
                switch (decision) {
                    case APPLY_CUSTOMER_DATA -> {
                        if (customerGave.siren() != null && !CompanyIdentifiers.isValidSiren(customerGave.siren())
                                || customerGave.siret() != null
                                        && !CompanyIdentifiers.isValidSiret(customerGave.siret())) {
                            throw new IllegalArgumentException(
                                    "The customer's SIREN or SIRET is not valid; keep the file's data");
                        }
                        customers.updateMasterData(
                                customerRef, customerGave.siren(), customerGave.siret(), customerGave.contactName());
                        yield customerGave;
                    }
                    case KEEP_FILE_DATA, CANNOT_VERIFY -> file;
                };
        checks.recordReview(customerRef, by, decision.name(), write(file.asMap()), write(kept.asMap()), note);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decision.name());
        details.put("before", file.asMap());
        details.put("after", kept.asMap());
        details.put("note", note);
        evidence.append(
                customerRef, EvidenceType.MASTER_DATA_REVIEWED, by, "Company data reviewed: " + decision, details);
        return kept;
    }

    /** The integration team's plan for a customer whose tool or format needs it. */
    @Transactional
    public void interopPlanned(
            long customerRef,
            String by,
            String supplierTool,
            String wantedFormat,
            Object plan,
            Object customerContacted) {
        int updated = jdbc.sql("update follow_up set interop_planned_by = ?, updated_at = ? where customer_ref = ?")
                .params(by, now(), customerRef)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into follow_up (customer_ref, interop_planned_by, updated_at) values (?, ?, ?)")
                    .params(customerRef, by, now())
                    .update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("supplierTool", supplierTool);
        details.put("wantedFormat", wantedFormat);
        details.put("plan", plan);
        details.put("customerContacted", customerContacted);
        evidence.append(
                customerRef, EvidenceType.INTEROPERABILITY_PLANNED, "user:" + by, "Interoperability planned", details);
    }

    /** The account manager obtained the validation of the terms on the phone (or not). */
    @Transactional
    public void termsOutcome(long customerRef, String by, boolean validated, String termsVersion, String note) {
        if (!validated) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("termsVersion", termsVersion);
        details.put("validated", true);
        details.put("note", note);
        records.termsValidated(customerRef, termsVersion);
        evidence.append(
                customerRef,
                EvidenceType.TERMS_VALIDATED,
                by,
                "Terms and conditions " + termsVersion + " validated on the phone",
                details);
    }

    /** Customer service says whether the customer attended the session. */
    @Transactional
    public void webinarAttendance(long customerRef, String by, boolean attended) {
        records.webinarAttendance(customerRef, attended);
        evidence.append(
                customerRef,
                EvidenceType.WEBINAR_ATTENDANCE_RECORDED,
                by,
                attended ? "Attended the webinar" : "Did not attend the webinar",
                Map.of("attended", attended));
    }

    /**
     * Keeps the platform's answer to a registration, once per idempotency key (a retried call that the
     * platform answered twice is recorded once), and returns the platform's reference.
     */
    @Transactional
    public String platformRegistered(
            long customerRef, String idempotencyKey, int httpStatus, String requestBody, String responseBody)
            throws JsonProcessingException {
        JsonNode root = json.readTree(responseBody == null ? "{}" : responseBody);
        String reference = root.path("registrationId").asText(root.path("id").asText(null));
        boolean already = jdbc.sql("select count(*) from platform_registration where idempotency_key = ?")
                        .param(idempotencyKey)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!already) {
            jdbc.sql(
                            """
                    insert into platform_registration (customer_ref, idempotency_key, registered_at, http_status,
                        platform_reference, request_body, response_body) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            customerRef,
                            idempotencyKey,
                            now(),
                            httpStatus,
                            reference,
                            requestBody,
                            truncate(responseBody))
                    .update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("platformReference", reference);
            details.put("httpStatus", httpStatus);
            details.put("idempotencyKey", idempotencyKey);
            evidence.append(
                    customerRef,
                    EvidenceType.PLATFORM_REGISTERED,
                    "system:platform",
                    "Delivery preferences registered on the invoicing platform",
                    details);
        }
        return reference;
    }

    private String write(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
