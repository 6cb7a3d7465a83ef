package fr.einvoicing.adoption.campaign.process;

/** Names shared with {@code bpmn/adoption-campaign.bpmn}. */
public final class CampaignProcess {

    public static final String PROCESS_KEY = "adoption-campaign";
    public static final String MESSAGE_PAUSE = "PauseSending";
    public static final String MESSAGE_RESUME = "ResumeSending";

    public static final String CAMPAIGN_ID = "campaignId";
    public static final String CAMPAIGN_CODE = "campaignCode";
    public static final String CREATED_BY = "createdBy";
    public static final String IMPORT_PROBLEMS = "importProblems";
    public static final String IMPORT_DECISION = "importDecision";
    public static final String LETTER_CLEAN = "letterClean";
    public static final String LETTER_FINDINGS = "letterFindings";
    public static final String REVISE_DECISION = "reviseDecision";
    public static final String APPROVAL_DECISION = "approvalDecision";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String REMAINING = "remaining";
    /** The wait before the next wave: the dispatch interval, or PT0S while a wave is not all started. */
    public static final String WAVE_INTERVAL = "waveInterval";
    /** Journeys the current wave may still start (a wave larger than one slice takes several jobs). */
    public static final String WAVE_LEFT = "waveLeft";

    public static final String CLOSING_CHECK_AT = "closingCheckAt";
    public static final String SETTLED_CHECK = "settledCheck";
    public static final String ALL_SETTLED = "allSettled";
    public static final String CAMPAIGN_URL = "campaignUrl";
    public static final String FOLLOW_UP_CANDIDATES = "followUpCandidates";

    public static final String TASK_REVIEW_IMPORT_ERRORS = "Task_ReviewImportErrors";
    public static final String TASK_REVISE_LETTER = "Task_ReviseLetter";
    public static final String TASK_APPROVE = "Task_ApproveCampaign";
    public static final String TASK_REVIEW_RESULTS = "Task_ReviewResults";
    public static final String TASK_START_WAVE = "Task_StartWave";

    private CampaignProcess() {}
}
