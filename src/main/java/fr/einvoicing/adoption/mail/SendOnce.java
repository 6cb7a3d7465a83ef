package fr.einvoicing.adoption.mail;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.CampaignProperties;

/**
 * Sends a customer mail once, whatever retries the calling job goes through, and when a crash forces
 * a second sending, sends the same mail. Each step around the SMTP call commits on its own: the attempt
 * before the mail leaves, with the mail's Message-ID and personal link fixed on the first one; the
 * relay's answer right after. A retry finds what happened:
 * <ul>
 * <li>the relay took or refused the mail: it is never sent again;</li>
 * <li>the relay could not be reached: nothing left, the same mail is tried again;</li>
 * <li>the attempt was cut short (the node died between the relay's answer and its record): the mail
 *     may have left, so the one sent now is the same (Message-ID, link), and the outcome says it is a
 *     possible repeat, for the evidence. At most the mails truly in flight at the crash, one per job
 *     thread, can reach a customer twice.</li>
 * </ul>
 * A link whose mail was refused is revoked; one that may have reached the customer always works.
 */
@Component
public class SendOnce {

    private static final Logger log = LoggerFactory.getLogger(SendOnce.class);

    /** Added to the evidence of a mail sent again after an interrupted attempt. */
    public static final String REPEAT_NOTE = ", sent again after an attempt cut short before the relay's answer"
            + " was recorded: the customer may have received it twice, with the same Message-ID and link";

    private final MailDeliveries deliveries;
    private final MailTransport transport;
    private final TransactionTemplate ownTransaction;
    private final String messageIdDomain;

    public SendOnce(
            MailDeliveries deliveries,
            MailTransport transport,
            PlatformTransactionManager transactionManager,
            CampaignProperties properties) {
        this.deliveries = deliveries;
        this.transport = transport;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.messageIdDomain = domainOf(properties.mail().from());
    }

    /** One mail to send: who it is for, and its delivery key (the same on every retry). */
    public record Mail(String key, long customerRef, Long letterId, String recipient) {}

    /** The personal link a mail carries: the token's row and its raw value. */
    public record Link(long id, String raw) {}

    /**
     * What the relay said, now or on an earlier attempt ({@code alreadyHandled}); {@code possibleRepeat}
     * when an earlier attempt of this very mail was cut short after it may have reached the relay.
     */
    public record Outcome(
            boolean accepted,
            String messageId,
            String smtpReply,
            boolean alreadyHandled,
            boolean possibleRepeat,
            int attempts) {}

    /** What the caller does at each step. */
    public interface Steps {
        /** In the first attempt's transaction, before the mail leaves: issues the personal link, or null. */
        Link issueLink();

        /** Outside any transaction: the mail, with the link (null when it carries none). */
        OutgoingMail compose(Link link);

        /** In the transaction that records a refusal: the link did not reach the customer. */
        void revokeLink(Link link);

        /** In the transaction that records the relay's answer: status, evidence. */
        void record(Outcome outcome);
    }

    private record Attempt(String messageId, Link link, boolean possibleRepeat, int number) {}

    /**
     * @throws MailServerUnavailableException when the relay cannot be reached: nothing was sent, the
     *         attempt is recorded, and the caller's job should be retried
     */
    public Outcome send(Mail mail, Steps steps) {
        var previous = deliveries.find(mail.key());
        if (previous.isPresent() && previous.get().status().handled()) {
            var done = previous.get();
            log.info("{} already handled by the relay ({}); not sent again", mail.key(), done.status());
            return new Outcome(
                    done.status() == MailDeliveries.Status.SENT,
                    done.messageId(),
                    done.smtpReply(),
                    true,
                    done.interruptedAttempts() > 0,
                    done.attempts());
        }
        Attempt attempt = ownTransaction.execute(status -> begin(mail, steps));
        SmtpResult result;
        try {
            result = transport.send(steps.compose(attempt.link()), attempt.messageId());
        } catch (RuntimeException e) {
            // nothing left: the relay could not be reached, or the mail could not be built
            String reason = e instanceof MailServerUnavailableException
                    ? e.getMessage()
                    : "The mail could not be prepared: " + e.getClass().getSimpleName();
            ownTransaction.executeWithoutResult(status -> deliveries.notSent(mail.key(), reason));
            throw e;
        }
        if (result instanceof SmtpResult.Accepted accepted) {
            Outcome outcome =
                    new Outcome(true, attempt.messageId(), null, false, attempt.possibleRepeat(), attempt.number());
            ownTransaction.executeWithoutResult(status -> {
                deliveries.sent(mail.key(), attempt.messageId());
                steps.record(outcome);
            });
            if (attempt.possibleRepeat()) {
                log.warn("{} sent again after an interrupted attempt (same Message-ID and link)", mail.key());
            } else {
                log.info("{} accepted by the mail relay", mail.key());
            }
            return outcome;
        }
        SmtpResult.Refused refused = (SmtpResult.Refused) result;
        Outcome outcome = new Outcome(
                false, null, refused.code() + " " + refused.reply(), false, attempt.possibleRepeat(), attempt.number());
        ownTransaction.executeWithoutResult(status -> {
            deliveries.refused(mail.key(), outcome.smtpReply());
            // a refusal after an interrupted attempt: the first one may still have delivered the link
            if (attempt.link() != null && !attempt.possibleRepeat()) {
                steps.revokeLink(attempt.link());
            }
            steps.record(outcome);
        });
        log.info("{} refused by the mail relay with code {}", mail.key(), refused.code());
        return outcome;
    }

    /** Records the attempt; the first one fixes the Message-ID and issues the link. */
    private Attempt begin(Mail mail, Steps steps) {
        var existing = deliveries.find(mail.key());
        if (existing.isEmpty()) {
            Link link = steps.issueLink();
            String messageId = newMessageId();
            deliveries.firstAttempt(
                    mail.key(),
                    mail.customerRef(),
                    mail.letterId(),
                    mail.recipient(),
                    messageId,
                    link == null ? null : link.id(),
                    link == null ? null : link.raw());
            return new Attempt(messageId, link, false, 1);
        }
        var delivery = existing.get();
        boolean interrupted = delivery.status() == MailDeliveries.Status.SENDING;
        deliveries.nextAttempt(mail.key(), interrupted);
        Link link = delivery.linkTokenId() == null ? null : new Link(delivery.linkTokenId(), delivery.linkToken());
        String messageId = delivery.messageId() == null ? newMessageId() : delivery.messageId();
        return new Attempt(messageId, link, interrupted || delivery.interruptedAttempts() > 0, delivery.attempts() + 1);
    }

    private String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    /** The domain of the sender's address, for Message-IDs that name who sent the mail. */
    static String domainOf(String from) {
        if (from != null) {
            String address =
                    from.contains("<") ? from.substring(from.indexOf('<') + 1).replace(">", "") : from;
            int at = address.lastIndexOf('@');
            if (at >= 0 && at < address.length() - 1) {
                return address.substring(at + 1).trim();
            }
        }
        return "einvoicing-adoption.invalid";
    }

    /** Convenience for callers that build their steps from lambdas. */
    public static Steps steps(
            Supplier<Link> issueLink,
            Function<Link, OutgoingMail> compose,
            Consumer<Link> revokeLink,
            Consumer<Outcome> record) {
        return new Steps() {
            @Override
            public Link issueLink() {
                return issueLink.get();
            }

            @Override
            public OutgoingMail compose(Link link) {
                return compose.apply(link);
            }

            @Override
            public void revokeLink(Link link) {
                revokeLink.accept(link);
            }

            @Override
            public void record(Outcome outcome) {
                record.accept(outcome);
            }
        };
    }
}
