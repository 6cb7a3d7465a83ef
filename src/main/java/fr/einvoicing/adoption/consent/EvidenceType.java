package fr.einvoicing.adoption.consent;

/** Each kind of fact kept as evidence of a customer's consent, refusal or silence. */
public enum EvidenceType {
    CONSENT_REQUIREMENT_DECIDED,
    LETTER_RENDERED,
    LETTER_SENT,
    LETTER_REFUSED_BY_MAIL_SERVER,
    /** A delivery report (DSN) said the letter, accepted by the relay, never reached the customer. */
    LETTER_BOUNCED,
    /** The same for a reminder or a follow-up mail. */
    MAIL_BOUNCED,
    /** A letter bounced after its silence had counted as acceptance: a person reviews it. */
    BOUNCE_AFTER_ACCEPTANCE,
    REMINDER_SENT,
    REMINDER_REFUSED_BY_MAIL_SERVER,
    ANSWER_SUBMITTED,
    DEADLINE_REACHED,
    CONSENT_EXPLICIT,
    CONSENT_TACIT,
    CONSENT_BY_PHONE,
    REFUSAL_RECEIVED,
    REFUSAL_ESCALATED,
    REFUSAL_MAINTAINED,
    CONTACT_CORRECTED,
    LETTER_POSTED,
    NOT_REACHED,
    LATE_ANSWER_ROUTED,
    ADDITIONAL_ANSWER_RECORDED,
    LATE_ANSWER_APPLIED,
    LATE_ANSWER_DISMISSED,
    FOLLOW_UPS_STARTED,
    COMPANY_CHECKED,
    MASTER_DATA_REVIEWED,
    PLATFORM_REGISTERED,
    INTEROPERABILITY_PLANNED,
    FOLLOW_UP_MAIL_SENT,
    FOLLOW_UP_MAIL_REFUSED,
    TERMS_VALIDATED,
    WEBINAR_SESSION_CHOSEN,
    WEBINAR_ATTENDANCE_RECORDED,
    CUSTOMER_INFORMED
}
