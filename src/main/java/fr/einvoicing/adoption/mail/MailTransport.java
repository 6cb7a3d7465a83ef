package fr.einvoicing.adoption.mail;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;

/**
 * Hands one mail to the SMTP relay and says what became of it. A permanent refusal (5xx) is a
 * business fact, returned; anything else that stops the mail is thrown, so that it is retried.
 */
@Component
public class MailTransport {

    private final JavaMailSender sender;
    private final CampaignProperties properties;
    /** Reused connections to the relay; null when the sender is not Spring's own (then one per mail). */
    private final SmtpConnections connections;

    public MailTransport(JavaMailSender sender, CampaignProperties properties) {
        this.sender = sender;
        this.properties = properties;
        this.connections = sender instanceof JavaMailSenderImpl impl
                ? new SmtpConnections(impl, properties.mail().mailsPerConnection())
                : null;
    }

    @Scheduled(fixedDelay = 10_000)
    void closeIdleConnections() {
        if (connections != null) {
            connections.closeIdle();
        }
    }

    @PreDestroy
    void closeConnections() {
        if (connections != null) {
            connections.closeAll();
        }
    }

    /** SMTP connections opened since the start (with reuse, far fewer than the mails). */
    public long connectionsOpened() {
        return connections == null ? 0 : connections.opened();
    }

    /** Sends the mail under the given Message-ID (the same on every attempt of one mail), or a new one if null. */
    public SmtpResult send(OutgoingMail mail, String messageId) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.mail().from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            for (OutgoingMail.Attachment attachment : mail.attachments()) {
                helper.addAttachment(
                        attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
            }
            if (messageId != null) {
                // kept by the sender, which otherwise makes a new one for each sending
                message.setHeader("Message-ID", messageId);
            }
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The mail cannot be built: " + e.getMessage(), e);
        }
        if (connections != null) {
            try {
                connections.send(message);
                return new SmtpResult.Accepted(messageId(message));
            } catch (MessagingException e) {
                SmtpResult.Refused refusal = permanentRefusal(e);
                if (refusal != null) {
                    return refusal;
                }
                throw new MailServerUnavailableException("The mail relay did not take the mail: " + describe(e), e);
            }
        }
        try {
            sender.send(message);
            return new SmtpResult.Accepted(messageId(message));
        } catch (MailSendException e) {
            SmtpResult.Refused refusal = permanentRefusal(e);
            if (refusal != null) {
                return refusal;
            }
            throw new MailServerUnavailableException("The mail relay did not take the mail: " + describe(e), e);
        } catch (MailException e) {
            throw new MailServerUnavailableException("The mail relay could not be used: " + describe(e), e);
        }
    }

    /** The 5xx reply hidden in the exception chain, if the relay refused the mail for good. */
    static SmtpResult.Refused permanentRefusal(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            SmtpResult.Refused refusal = permanentRefusal(failure);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** The 5xx reply in one failure's chain (Jakarta Mail nests them), or null. */
    static SmtpResult.Refused permanentRefusal(Exception failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            int code = -1;
            if (t instanceof SMTPAddressFailedException address) {
                code = address.getReturnCode();
            } else if (t instanceof SMTPSendFailedException send) {
                code = send.getReturnCode();
            }
            if (code >= 500 && code < 600) {
                return new SmtpResult.Refused(
                        code, t.getMessage() == null ? "" : t.getMessage().trim());
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
