package fr.einvoicing.adoption.followup.process;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

import fr.einvoicing.adoption.followup.FollowUpMailKind;
import fr.einvoicing.adoption.followup.FollowUpService;
import fr.einvoicing.adoption.followup.FollowUpStart;
import fr.einvoicing.adoption.followup.OutsideServices;
import fr.einvoicing.adoption.followup.RegistryComparison;

/**
 * The variables of {@code bpmn/customer-follow-ups.bpmn}, by name and through one typed accessor
 * ({@link #of(VariableScope)}): ids and small facts only, the records live in the application's tables.
 */
public final class FollowUpVariables {

    public static final String PROCESS_KEY = "customer-follow-ups";
    public static final String MESSAGE_TERMS_VALIDATED = "TermsValidated";
    public static final String MESSAGE_WEBINAR_CHOSEN = "WebinarSessionChosen";

    public static final String CUSTOMER_REF = "customerRef";
    public static final String CAMPAIGN_CODE = "campaignCode";
    public static final String CUSTOMER_ID = "customerId";
    public static final String COMPANY_NAME = "companyName";
    public static final String CUSTOMER_EMAIL = "customerEmail";
    public static final String ACCOUNT_MANAGER = "accountManager";
    public static final String SIREN = "siren";
    public static final String SIRET = "siret";
    public static final String FILE_SIREN = "fileSiren";
    public static final String FILE_SIRET = "fileSiret";
    public static final String FILE_CONTACT = "fileContact";
    public static final String INVOICING_CONTACT_NAME = "invoicingContactName";
    public static final String INVOICING_CONTACT_EMAIL = "invoicingContactEmail";
    public static final String SUPPLIER_TOOL = "supplierTool";
    public static final String WANTED_FORMAT = "wantedFormat";
    public static final String DELIVERY_MODE = "deliveryMode";
    public static final String INTEROP_NEEDED = "interopNeeded";
    public static final String REGISTRY_QUERY = "registryQuery";
    public static final String TERMS_VALIDATED = "termsValidated";
    public static final String TERMS_VERSION = "termsVersion";
    public static final String WEBINAR_OFFERED = "webinarOffered";
    public static final String LAST_SESSION_AT = "lastSessionAt";

    /** Set by the connector's output mapping, read once, then removed (it can be large). */
    public static final String REGISTRY_ANSWER = "registryAnswer";

    public static final String REGISTRY_STATUS = "registryStatus";
    public static final String PLATFORM_ANSWER = "platformAnswer";
    public static final String PLATFORM_STATUS = "platformStatus";
    public static final String PLATFORM_REFERENCE = "platformReference";

    public static final String COMPANY_CHECK_ID = "companyCheckId";
    public static final String COMPANY_CHECK_OUTCOME = "companyCheckOutcome";
    public static final String COMPANY_CHECK_SUMMARY = "companyCheckSummary";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String COMPLETED_BY = "completedBy";
    public static final String OUTCOME_NOTE = "outcomeNote";

    /** Inputs of the service tasks and fields of the task forms. */
    public static final String MAIL_KIND = "mailKind";

    public static final String INTEROP_PLAN = "interopPlan";
    public static final String CUSTOMER_CONTACTED = "customerContacted";
    public static final String TERMS_VALIDATED_BY_PHONE = "termsValidatedByPhone";
    public static final String WEBINAR_ATTENDED = "webinarAttended";
    public static final String WEBINAR_ATTENDS = "webinarAttends";
    public static final String SESSION_REMINDER_AT = "sessionReminderAt";
    public static final String SESSION_ENDS_AT = "sessionEndsAt";

    /** Outcomes of the comparison with the registry. */
    public static final String CHECK_MATCHES = RegistryComparison.MATCHES;

    public static final String CHECK_NEEDS_REVIEW = RegistryComparison.NEEDS_REVIEW;

    /** Decisions of the data stewards' review. */
    public static final String REVIEW_APPLY_CUSTOMER_DATA = FollowUpService.ReviewDecision.APPLY_CUSTOMER_DATA.name();

    public static final String REVIEW_KEEP_FILE_DATA = FollowUpService.ReviewDecision.KEEP_FILE_DATA.name();
    public static final String REVIEW_CANNOT_VERIFY = FollowUpService.ReviewDecision.CANNOT_VERIFY.name();

    private final VariableScope scope;

    private FollowUpVariables(VariableScope scope) {
        this.scope = scope;
    }

    public static FollowUpVariables of(VariableScope scope) {
        return new FollowUpVariables(scope);
    }

    /** The variables a customer's follow-ups start with. */
    public static Map<String, Object> startedWith(FollowUpStart start) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(CUSTOMER_REF, start.customerRef());
        vars.put(CAMPAIGN_CODE, start.campaignCode());
        vars.put(CUSTOMER_ID, start.customerId());
        vars.put(COMPANY_NAME, start.companyName());
        vars.put(CUSTOMER_EMAIL, start.customerEmail());
        vars.put(ACCOUNT_MANAGER, start.accountManager());
        vars.put(FILE_SIREN, start.fileSiren());
        vars.put(FILE_SIRET, start.fileSiret());
        vars.put(FILE_CONTACT, start.fileContact());
        vars.put(SIREN, start.siren());
        vars.put(SIRET, start.siret());
        vars.put(REGISTRY_QUERY, start.registryQuery());
        vars.put(INVOICING_CONTACT_NAME, start.invoicingContactName());
        vars.put(INVOICING_CONTACT_EMAIL, start.invoicingContactEmail());
        vars.put(SUPPLIER_TOOL, start.supplierTool());
        vars.put(WANTED_FORMAT, start.wantedFormat());
        vars.put(DELIVERY_MODE, start.deliveryMode());
        vars.put(INTEROP_NEEDED, start.interopNeeded());
        vars.put(TERMS_VALIDATED, start.termsValidated());
        vars.put(TERMS_VERSION, start.termsVersion());
        vars.put(WEBINAR_OFFERED, start.webinarOffered());
        if (start.webinarOffered()) {
            vars.put(LAST_SESSION_AT, Date.from(start.lastSessionAt().toInstant()));
        }
        return vars;
    }

    public long customerRef() {
        return ((Number) scope.getVariable(CUSTOMER_REF)).longValue();
    }

    public String companyName() {
        return string(COMPANY_NAME);
    }

    public String registryQuery() {
        return string(REGISTRY_QUERY);
    }

    /** The registry's answer, once: it is removed from the process as it is read. */
    public String takeRegistryAnswer() {
        Object answer = scope.getVariable(REGISTRY_ANSWER);
        scope.removeVariable(REGISTRY_ANSWER);
        return answer == null ? null : answer.toString();
    }

    /** The platform's answer, once: it is removed from the process as it is read. */
    public String takePlatformAnswer() {
        Object answer = scope.getVariable(PLATFORM_ANSWER);
        scope.removeVariable(PLATFORM_ANSWER);
        return answer == null ? null : answer.toString();
    }

    public int platformStatus() {
        return ((Number) scope.getVariable(PLATFORM_STATUS)).intValue();
    }

    public void platformReference(String reference) {
        scope.setVariable(PLATFORM_REFERENCE, reference);
    }

    /** The identifiers and contact the follow-ups go on with (the customer's, or the file's after review). */
    public FollowUpService.CompanyData companyData() {
        return new FollowUpService.CompanyData(string(SIREN), string(SIRET), string(INVOICING_CONTACT_NAME));
    }

    public void companyData(FollowUpService.CompanyData data) {
        scope.setVariable(SIREN, data.siren());
        scope.setVariable(SIRET, data.siret());
        scope.setVariable(INVOICING_CONTACT_NAME, data.contactName());
    }

    /** Whether the customer gave identifiers other than the file's. */
    public boolean identifiersChanged() {
        return !Objects.equals(scope.getVariable(SIRET), scope.getVariable(FILE_SIRET))
                || !Objects.equals(scope.getVariable(SIREN), scope.getVariable(FILE_SIREN));
    }

    /** Whether the customer named an invoicing contact other than the file's. */
    public boolean otherInvoicingContact() {
        return !Objects.equals(scope.getVariable(INVOICING_CONTACT_NAME), scope.getVariable(FILE_CONTACT));
    }

    public void companyCheck(long id, String outcome, String summary) {
        scope.setVariable(COMPANY_CHECK_ID, id);
        scope.setVariable(COMPANY_CHECK_OUTCOME, outcome);
        scope.setVariable(COMPANY_CHECK_SUMMARY, summary);
    }

    public FollowUpService.ReviewDecision reviewDecision() {
        String decision = string(REVIEW_DECISION);
        try {
            return FollowUpService.ReviewDecision.valueOf(decision);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown review decision: " + decision, e);
        }
    }

    /** Who completed the last user task, as the evidence names people. */
    public String completedByUser() {
        return "user:" + scope.getVariable(COMPLETED_BY);
    }

    public String completedBy() {
        return String.valueOf(scope.getVariable(COMPLETED_BY));
    }

    public String outcomeNote() {
        return string(OUTCOME_NOTE);
    }

    public String supplierTool() {
        return string(SUPPLIER_TOOL);
    }

    public String wantedFormat() {
        return string(WANTED_FORMAT);
    }

    public Object interopPlan() {
        return scope.getVariable(INTEROP_PLAN);
    }

    public Object customerContacted() {
        return scope.getVariable(CUSTOMER_CONTACTED);
    }

    public boolean termsValidatedByPhone() {
        return Boolean.TRUE.equals(scope.getVariable(TERMS_VALIDATED_BY_PHONE));
    }

    public String termsVersion() {
        return string(TERMS_VERSION);
    }

    public boolean webinarAttended() {
        return "YES".equals(scope.getVariable(WEBINAR_ATTENDED));
    }

    public FollowUpMailKind mailKind() {
        return FollowUpMailKind.valueOf(string(MAIL_KIND));
    }

    /** The registration the platform is asked for. */
    public OutsideServices.PlatformRegistration platformRegistration(String businessKey) {
        return new OutsideServices.PlatformRegistration(
                businessKey,
                companyName(),
                string(SIREN),
                string(SIRET),
                wantedFormat(),
                string(DELIVERY_MODE),
                supplierTool(),
                string(INVOICING_CONTACT_NAME),
                string(INVOICING_CONTACT_EMAIL));
    }

    private String string(String name) {
        return (String) scope.getVariable(name);
    }
}
