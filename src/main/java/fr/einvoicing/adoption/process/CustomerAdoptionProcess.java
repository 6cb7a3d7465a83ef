package fr.einvoicing.adoption.process;

/**
 * Names shared with {@code bpmn/customer-adoption.bpmn} and {@code bpmn/late-answer-review.bpmn}.
 * Java reads ids, messages and errors from here only; renaming one in the model means renaming it here.
 */
public final class CustomerAdoptionProcess {

    public static final String PROCESS_KEY = "customer-adoption";
    public static final String LATE_ANSWER_REVIEW_KEY = "late-answer-review";
    public static final String REFUSAL_ROUTING_DECISION = "refusal-routing";
    public static final String CONSENT_REQUIREMENT_DECISION = "consent-requirement";

    public static final String MESSAGE_RESPONSE_RECEIVED = "CustomerResponseReceived";
    public static final String MESSAGE_OUTCOME_SETTLED = "OutcomeSettledByReview";
    /** A delivery report said the letter, accepted by the relay, never reached the customer. */
    public static final String MESSAGE_LETTER_BOUNCED = "LetterBounced";

    public static final String ERROR_LETTER_UNDELIVERABLE = "LetterUndeliverable";

    public static final String TASK_DECIDE_CONSENT = "Task_DecideConsent";
    public static final String EVENT_DETAILS_RECEIVED = "Event_DetailsReceived";
    public static final String EVENT_DETAILS_DATE_REACHED = "Event_DetailsDateReached";
    public static final String TASK_RECORD_INFORMED = "Task_RecordInformed";
    public static final String TASK_PREPARE_LETTER = "Task_PrepareLetter";
    public static final String TASK_SEND_LETTER = "Task_SendLetter";
    public static final String SUBPROCESS_AWAIT_RESPONSE = "SubProcess_AwaitResponse";
    public static final String EVENT_RESPONSE_RECEIVED = "Event_ResponseReceived";
    public static final String EVENT_REMINDER_DUE = "Event_ReminderDue";
    public static final String TASK_SEND_REMINDER = "Task_SendReminder";
    public static final String EVENT_DEADLINE_REACHED = "Event_DeadlineReached";
    public static final String TASK_RECORD_DEADLINE = "Task_RecordDeadline";
    public static final String TASK_RECORD_TACIT_ACCEPTANCE = "Task_RecordTacitAcceptance";
    public static final String TASK_RECORD_EXPLICIT_CONSENT = "Task_RecordExplicitConsent";
    public static final String TASK_RECORD_REFUSAL = "Task_RecordRefusal";
    public static final String TASK_ROUTE_REFUSAL = "Task_RouteRefusal";
    public static final String TASK_HANDLE_REFUSAL = "Task_HandleRefusal";
    public static final String EVENT_REFUSAL_UNATTENDED = "Event_RefusalUnattended";
    public static final String TASK_ESCALATE_REFUSAL = "Task_EscalateRefusal";
    public static final String TASK_RECORD_CONSENT_BY_PHONE = "Task_RecordConsentByPhone";
    public static final String TASK_CONFIRM_PAPER_INVOICING = "Task_ConfirmPaperInvoicing";
    public static final String TASK_REACH_CUSTOMER = "Task_ReachCustomer";
    public static final String TASK_RECORD_CORRECTED_ADDRESS = "Task_RecordCorrectedAddress";
    public static final String TASK_RECORD_LETTER_POSTED = "Task_RecordLetterPosted";
    public static final String TASK_RECORD_NOT_REACHED = "Task_RecordNotReached";

    public static final String END_ACCEPTED_EXPLICITLY = "End_AcceptedExplicitly";
    public static final String END_INFORMED = "End_Informed";
    public static final String END_ACCEPTED_TACITLY = "End_AcceptedTacitly";
    public static final String END_ACCEPTED_AFTER_CALL = "End_AcceptedAfterCall";
    public static final String END_PAPER_KEPT = "End_PaperKept";
    public static final String END_NOT_REACHED = "End_NotReached";
    public static final String END_SETTLED_BY_REVIEW = "End_SettledByReview";

    public static final String TASK_REVIEW_LATE_ANSWER = "Task_ReviewLateAnswer";
    public static final String END_NEW_ANSWER_APPLIED = "End_NewAnswerApplied";
    public static final String END_EARLIER_OUTCOME_KEPT = "End_EarlierOutcomeKept";

    /** Outcomes chosen in the Tasklist forms. */
    public static final String REFUSAL_OUTCOME_CONVINCED = "CONVINCED";

    public static final String REFUSAL_OUTCOME_MAINTAINED = "MAINTAINED";
    public static final String CONTACT_OUTCOME_CORRECTED = "CORRECTED_ADDRESS";
    public static final String CONTACT_OUTCOME_POSTED = "POSTED";
    public static final String CONTACT_OUTCOME_UNREACHABLE = "UNREACHABLE";

    private CustomerAdoptionProcess() {}
}
