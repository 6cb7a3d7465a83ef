package fr.einvoicing.adoption.mail;

/** What the SMTP relay said of a mail: accepted, or refused for good (5xx). */
public sealed interface SmtpResult {

    record Accepted(String messageId) implements SmtpResult {}

    /** A permanent refusal: the address is unknown or the relay will never take this mail. */
    record Refused(int code, String reply) implements SmtpResult {}
}
