package fr.einvoicing.adoption.letter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.mail.MailDeliveries;
import fr.einvoicing.adoption.mail.MailServerUnavailableException;
import fr.einvoicing.adoption.mail.MailTransport;
import fr.einvoicing.adoption.mail.OutgoingMail;
import fr.einvoicing.adoption.mail.SmtpResult;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * Sends a letter or reminder once and only once. Each step around the SMTP call commits on its own
 * (the personal link before the mail leaves, the result right after), so that a retry of the
 * calling job finds what happened: a mail accepted by the relay is never sent a second time, and a
 * link that went out in a mail always works.
 */
@Service
public class LetterDispatch {

    private static final Logger log = LoggerFactory.getLogger(LetterDispatch.class);

    private final LetterService letters;
    private final CampaignCustomers customers;
    private final MailDeliveries deliveries;
    private final MailTransport transport;
    private final ResponseTokens tokens;
    private final PdfRenderer pdf;
    private final EvidenceLog evidence;
    private final CampaignProperties properties;
    private final TransactionTemplate ownTransaction;

    public LetterDispatch(LetterService letters, CampaignCustomers customers, MailDeliveries deliveries,
                          MailTransport transport, ResponseTokens tokens, PdfRenderer pdf, EvidenceLog evidence,
                          CampaignProperties properties, PlatformTransactionManager transactionManager) {
        this.letters = letters;
        this.customers = customers;
        this.deliveries = deliveries;
        this.transport = transport;
        this.tokens = tokens;
        this.pdf = pdf;
        this.evidence = evidence;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What became of a letter: accepted by the relay, or refused for good with the relay's reply. */
    public record Dispatched(boolean delivered, String smtpReply) {
    }

    public Dispatched sendLetter(long letterId) {
        Letter letter = letters.get(letterId);
        return send(letter, "LETTER:" + letterId, true);
    }

    public Dispatched sendReminder(long parentLetterId) {
        Letter reminder = ownTransaction.execute(status -> letters.prepareReminder(parentLetterId));
        return send(reminder, "REMINDER:" + parentLetterId, false);
    }

    private Dispatched send(Letter letter, String key, boolean withPdf) {
        var previous = deliveries.find(key);
        if (previous.isPresent() && previous.get().status() != MailDeliveries.Status.SENDING) {
            log.info("{} already handled by the relay ({}); not sent again", key, previous.get().status());
            return new Dispatched(previous.get().status() == MailDeliveries.Status.SENT, previous.get().smtpReply());
        }
        ResponseTokens.IssuedToken token = ownTransaction.execute(status -> {
            deliveries.attempt(key, letter.customerRef(), letter.id(), letter.recipient());
            return tokens.issue(letter.customerRef(), TokenPurpose.RESPONSE,
                    letter.responseDeadline().plus(properties.response().lateAnswerWindow()));
        });
        String link = tokens.link(token.raw());
        OutgoingMail mail = new OutgoingMail(letter.recipient(), letter.subject(), letter.htmlWithLink(link),
                letter.plainTextWithLink(link),
                withPdf ? List.of(new OutgoingMail.Attachment(pdfName(letter), "application/pdf",
                        pdf.render(letter.htmlWithLink(link)))) : List.of());
        SmtpResult result;
        try {
            result = transport.send(mail);
        } catch (MailServerUnavailableException e) {
            ownTransaction.executeWithoutResult(status -> {
                tokens.revoke(token.id());
                deliveries.failedAttempt(key, e.getMessage());
            });
            throw e;
        }
        boolean isLetter = letter.kind().isMainLetter();
        if (result instanceof SmtpResult.Accepted accepted) {
            ownTransaction.executeWithoutResult(status -> {
                deliveries.sent(key, accepted.messageId());
                if (isLetter) {
                    customers.letterDelivered(letter.customerRef());
                }
                evidence.append(letter.customerRef(), isLetter ? EvidenceType.LETTER_SENT : EvidenceType.REMINDER_SENT,
                        "system:mail", (isLetter ? "Letter" : "Reminder") + " accepted by the mail relay",
                        details(letter, accepted.messageId(), null));
            });
            log.info("{} accepted by the mail relay", key);
            return new Dispatched(true, null);
        }
        SmtpResult.Refused refused = (SmtpResult.Refused) result;
        String reply = refused.code() + " " + refused.reply();
        ownTransaction.executeWithoutResult(status -> {
            deliveries.refused(key, reply);
            tokens.revoke(token.id());
            if (isLetter) {
                customers.updateStatus(letter.customerRef(), CustomerStatus.UNDELIVERABLE);
            }
            evidence.append(letter.customerRef(),
                    isLetter ? EvidenceType.LETTER_REFUSED_BY_MAIL_SERVER : EvidenceType.REMINDER_REFUSED_BY_MAIL_SERVER,
                    "system:mail", (isLetter ? "Letter" : "Reminder") + " refused by the mail relay: " + reply,
                    details(letter, null, reply));
        });
        log.info("{} refused by the mail relay with code {}", key, refused.code());
        return new Dispatched(false, reply);
    }

    private static Map<String, Object> details(Letter letter, String messageId, String reply) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("letterId", letter.id());
        details.put("contentHash", letter.contentHash());
        details.put("recipient", letter.recipient());
        details.put("messageId", messageId);
        details.put("smtpReply", reply);
        return details;
    }

    private static String pdfName(Letter letter) {
        return "en".equals(letter.language()) ? "e-invoicing-letter.pdf" : "courrier-facture-electronique.pdf";
    }
}
