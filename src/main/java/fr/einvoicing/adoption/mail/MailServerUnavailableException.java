package fr.einvoicing.adoption.mail;

/**
 * The relay could not be reached or answered with a temporary failure (4xx): the mail was not sent
 * and must be tried again later. In a process this becomes a retry, then an incident.
 */
public class MailServerUnavailableException extends RuntimeException {
    public MailServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
