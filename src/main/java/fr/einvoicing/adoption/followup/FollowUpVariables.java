package fr.einvoicing.adoption.followup;

/** Variable names of {@code bpmn/customer-follow-ups.bpmn}: ids and small facts only. */
public final class FollowUpVariables {

    public static final String PROCESS_KEY = "customer-follow-ups";

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

    /** Set by the connector's output mapping, read once, then removed (it can be large). */
    public static final String REGISTRY_ANSWER = "registryAnswer";
    public static final String REGISTRY_STATUS = "registryStatus";
    public static final String PLATFORM_ANSWER = "platformAnswer";
    public static final String PLATFORM_STATUS = "platformStatus";

    public static final String COMPANY_CHECK_ID = "companyCheckId";
    public static final String COMPANY_CHECK_OUTCOME = "companyCheckOutcome";
    public static final String COMPANY_CHECK_SUMMARY = "companyCheckSummary";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String COMPLETED_BY = "completedBy";
    public static final String OUTCOME_NOTE = "outcomeNote";

    /** Outcomes of the comparison with the registry. */
    public static final String CHECK_MATCHES = "MATCHES";
    public static final String CHECK_NEEDS_REVIEW = "NEEDS_REVIEW";

    /** Decisions of the data stewards' review. */
    public static final String REVIEW_APPLY_CUSTOMER_DATA = "APPLY_CUSTOMER_DATA";
    public static final String REVIEW_KEEP_FILE_DATA = "KEEP_FILE_DATA";
    public static final String REVIEW_CANNOT_VERIFY = "CANNOT_VERIFY";

    private FollowUpVariables() {
    }
}
