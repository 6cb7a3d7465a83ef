package fr.einvoicing.adoption.letter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.mail.OutgoingMail;
import fr.einvoicing.adoption.mail.SendOnce;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * Sends a letter or reminder, with the customer's personal response link, once and only once
 * ({@link SendOnce}), and records the relay's answer in the customer's record and evidence.
 */
@Service
public class LetterDispatch {

    private final LetterService letters;
    private final CampaignCustomers customers;
    private final SendOnce sendOnce;
    private final ResponseTokens tokens;
    private final PdfRenderer pdf;
    private final EvidenceLog evidence;
    private final CampaignProperties properties;
    private final TransactionTemplate ownTransaction;

    public LetterDispatch(
            LetterService letters,
            CampaignCustomers customers,
            SendOnce sendOnce,
            ResponseTokens tokens,
            PdfRenderer pdf,
            EvidenceLog evidence,
            CampaignProperties properties,
            PlatformTransactionManager transactionManager) {
        this.letters = letters;
        this.customers = customers;
        this.sendOnce = sendOnce;
        this.tokens = tokens;
        this.pdf = pdf;
        this.evidence = evidence;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What became of a letter: accepted by the relay, or refused for good with the relay's reply. */
    public record Dispatched(boolean delivered, String smtpReply) {}

    public Dispatched sendLetter(long letterId) {
        Letter letter = letters.get(letterId);
        return send(letter, "LETTER:" + letterId, true);
    }

    public Dispatched sendReminder(long parentLetterId) {
        Letter reminder = ownTransaction.execute(status -> letters.prepareReminder(parentLetterId));
        return send(reminder, "REMINDER:" + parentLetterId, false);
    }

    private Dispatched send(Letter letter, String key, boolean withPdf) {
        boolean isLetter = letter.kind().isMainLetter();
        SendOnce.Outcome outcome = sendOnce.send(
                new SendOnce.Mail(key, letter.customerRef(), letter.id(), letter.recipient()),
                SendOnce.steps(
                        () -> link(tokens.issue(
                                letter.customerRef(),
                                TokenPurpose.RESPONSE,
                                letter.responseDeadline()
                                        .plus(properties.response().lateAnswerWindow()))),
                        token -> {
                            String link = tokens.link(token.raw());
                            return new OutgoingMail(
                                    letter.recipient(),
                                    letter.subject(),
                                    letter.htmlWithLink(link),
                                    letter.plainTextWithLink(link),
                                    withPdf
                                            ? List.of(new OutgoingMail.Attachment(
                                                    pdfName(letter),
                                                    "application/pdf",
                                                    pdf.render(letter.htmlWithLink(link))))
                                            : List.of());
                        },
                        token -> tokens.revoke(token.id()),
                        result -> record(letter, isLetter, result)));
        return new Dispatched(outcome.accepted(), outcome.smtpReply());
    }

    static SendOnce.Link link(ResponseTokens.IssuedToken token) {
        return new SendOnce.Link(token.id(), token.raw());
    }

    /** The relay's answer, in the customer's record and evidence. */
    private void record(Letter letter, boolean isLetter, SendOnce.Outcome result) {
        String what = isLetter ? "Letter" : "Reminder";
        if (result.accepted()) {
            if (isLetter) {
                customers.letterDelivered(letter.customerRef());
            }
            var details = details(letter, result.messageId(), null);
            String description = what + " accepted by the mail relay";
            if (result.possibleRepeat()) {
                details.put("attempts", result.attempts());
                details.put("possibleRepeat", true);
                description += SendOnce.REPEAT_NOTE;
            }
            evidence.append(
                    letter.customerRef(),
                    isLetter ? EvidenceType.LETTER_SENT : EvidenceType.REMINDER_SENT,
                    "system:mail",
                    description,
                    details);
        } else {
            if (isLetter) {
                customers.updateStatus(letter.customerRef(), CustomerStatus.UNDELIVERABLE);
            }
            evidence.append(
                    letter.customerRef(),
                    isLetter
                            ? EvidenceType.LETTER_REFUSED_BY_MAIL_SERVER
                            : EvidenceType.REMINDER_REFUSED_BY_MAIL_SERVER,
                    "system:mail",
                    what + " refused by the mail relay: " + result.smtpReply(),
                    details(letter, null, result.smtpReply()));
        }
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
