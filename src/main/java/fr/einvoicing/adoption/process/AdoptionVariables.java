package fr.einvoicing.adoption.process;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;

import fr.einvoicing.adoption.customer.ConsentMode;

/**
 * One typed accessor per process variable of the customer journey. Variables hold ids and small
 * facts only: letters, answers and evidence live in the application's tables.
 */
public final class AdoptionVariables {

    public static final String CUSTOMER_REF = "customerRef";
    /** Inputs and outcome of consent-requirement.dmn. */
    public static final String ISSUER_SIZE = "issuerSize";

    public static final String CUSTOMER_COUNTRY = "customerCountry";
    public static final String VAT_REGISTERED = "vatRegistered";
    public static final String PUBLIC_ENTITY = "publicEntity";
    public static final String CONSENT_MODE = "consentMode";
    public static final String CONSENT_BASIS = "consentBasis";
    /** The decision table's date input (ISO date), and the date the decision was taken on. */
    public static final String SEND_DATE = "sendDate";

    public static final String CONSENT_DECISION_DATE = "consentDecisionDate";
    public static final String CAMPAIGN_CODE = "campaignCode";
    public static final String CUSTOMER_ID = "customerId";
    public static final String COMPANY_NAME = "companyName";
    public static final String CONTACT_NAME = "contactName";
    public static final String CUSTOMER_EMAIL = "customerEmail";
    public static final String ACCOUNT_MANAGER = "accountManager";
    public static final String SEGMENT = "segment";
    public static final String LETTER_ID = "letterId";
    public static final String LETTER_DELIVERED = "letterDelivered";
    public static final String CONTACT_ISSUE = "contactIssue";
    public static final String RESPONSE_DEADLINE = "responseDeadline";
    public static final String REMINDER_PLANNED = "reminderPlanned";
    public static final String REMINDER_AT = "reminderAt";
    public static final String ANSWER_ID = "answerId";
    public static final String CUSTOMER_ACCEPTED = "customerAccepted";
    public static final String ANSWER_SUMMARY = "answerSummary";
    public static final String REFUSAL_REASON = "refusalReason";
    /** The refusal reason in the operators' words, for the task forms (the code routes the refusal). */
    public static final String REFUSAL_REASON_TEXT = "refusalReasonText";

    public static final String REFUSAL_COMMENT = "refusalComment";
    public static final String TACIT_ACCEPTANCE_APPLIES = "tacitAcceptanceApplies";
    /** An answer given in time was found at the deadline ("Answer given in time?"). */
    public static final String ANSWER_FOUND_AT_DEADLINE = "answerFoundAtDeadline";

    public static final String HANDLING_GROUP = "handlingGroup";
    public static final String ESCALATION_GROUP = "escalationGroup";
    public static final String HANDLING_PERIOD = "handlingPeriod";
    public static final String REFUSAL_OUTCOME = "refusalOutcome";
    public static final String CONTACT_OUTCOME = "contactOutcome";
    public static final String CORRECTED_EMAIL = "correctedEmail";
    public static final String OUTCOME_NOTE = "outcomeNote";
    public static final String COMPLETED_BY = "completedBy";
    public static final String PRINTABLE_LETTER_URL = "printableLetterUrl";
    public static final String EVIDENCE_URL = "evidenceUrl";
    public static final String PREVIOUS_OUTCOME = "previousOutcome";
    public static final String LATE_ANSWER_DECISION = "lateAnswerDecision";

    private final VariableScope scope;

    private AdoptionVariables(VariableScope scope) {
        this.scope = scope;
    }

    public static AdoptionVariables of(VariableScope scope) {
        return new AdoptionVariables(scope);
    }

    public long customerRef() {
        return ((Number) scope.getVariable(CUSTOMER_REF)).longValue();
    }

    public long letterId() {
        return ((Number) scope.getVariable(LETTER_ID)).longValue();
    }

    public void letterId(long id) {
        scope.setVariable(LETTER_ID, id);
    }

    public void letterDelivered(boolean delivered) {
        scope.setVariable(LETTER_DELIVERED, delivered);
    }

    public void contactIssue(String issue) {
        scope.setVariable(CONTACT_ISSUE, issue);
    }

    public void responseDeadline(Date deadline) {
        scope.setVariable(RESPONSE_DEADLINE, deadline);
    }

    public void reminder(Date at) {
        scope.setVariable(REMINDER_PLANNED, at != null);
        scope.setVariable(REMINDER_AT, at);
    }

    public long answerId() {
        return ((Number) scope.getVariable(ANSWER_ID)).longValue();
    }

    public void tacitAcceptanceApplies(boolean applies) {
        scope.setVariable(TACIT_ACCEPTANCE_APPLIES, applies);
    }

    public void answerFoundAtDeadline(boolean found) {
        scope.setVariable(ANSWER_FOUND_AT_DEADLINE, found);
    }

    public String refusalReason() {
        return (String) scope.getVariable(REFUSAL_REASON);
    }

    public String escalationGroup() {
        return (String) scope.getVariable(ESCALATION_GROUP);
    }

    public String handlingGroup() {
        return (String) scope.getVariable(HANDLING_GROUP);
    }

    public String correctedEmail() {
        return (String) scope.getVariable(CORRECTED_EMAIL);
    }

    public String outcomeNote() {
        return (String) scope.getVariable(OUTCOME_NOTE);
    }

    public String completedBy() {
        Object user = scope.getVariable(COMPLETED_BY);
        return user == null ? "unknown" : user.toString();
    }

    public String lateAnswerDecision() {
        return (String) scope.getVariable(LATE_ANSWER_DECISION);
    }

    public boolean customerAccepted() {
        return Boolean.TRUE.equals(scope.getVariable(CUSTOMER_ACCEPTED));
    }

    public ConsentMode consentMode() {
        return ConsentMode.valueOf((String) scope.getVariable(CONSENT_MODE));
    }

    public String consentBasis() {
        return (String) scope.getVariable(CONSENT_BASIS);
    }

    /** The inputs consent-requirement.dmn decided on, by their names in the table. */
    public Map<String, Object> consentDecisionInputs() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(ISSUER_SIZE, scope.getVariable(ISSUER_SIZE));
        inputs.put(SEND_DATE, scope.getVariable(CONSENT_DECISION_DATE));
        inputs.put(CUSTOMER_COUNTRY, scope.getVariable(CUSTOMER_COUNTRY));
        inputs.put(VAT_REGISTERED, scope.getVariable(VAT_REGISTERED));
        inputs.put(PUBLIC_ENTITY, scope.getVariable(PUBLIC_ENTITY));
        return inputs;
    }

    /** The answer handed to the journey, if one was. */
    public Optional<Long> answerIdIfAny() {
        Object id = scope.getVariable(ANSWER_ID);
        return id == null ? Optional.empty() : Optional.of(((Number) id).longValue());
    }

    public void customerEmail(String email) {
        scope.setVariable(CUSTOMER_EMAIL, email);
    }

    public String campaignCode() {
        return (String) scope.getVariable(CAMPAIGN_CODE);
    }
}
