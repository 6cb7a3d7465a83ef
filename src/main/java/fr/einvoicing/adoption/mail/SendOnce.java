package fr.einvoicing.adoption.mail;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a customer mail once and only once, whatever retries the calling job goes through. Each step
 * around the SMTP call commits on its own: the attempt (and the personal link the mail carries) before
 * the mail leaves, the relay's answer right after. A retry finds what happened: a mail the relay took
 * or refused for good is never sent again, and a link that went out in a mail always works; a link
 * whose mail did not leave, or was refused, is revoked.
 */
@Component
public class SendOnce {

    private static final Logger log = LoggerFactory.getLogger(SendOnce.class);

    private final MailDeliveries deliveries;
    private final MailTransport transport;
    private final TransactionTemplate ownTransaction;

    public SendOnce(MailDeliveries deliveries, MailTransport transport, PlatformTransactionManager transactionManager) {
        this.deliveries = deliveries;
        this.transport = transport;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One mail to send: who it is for, and its delivery key (the same on every retry). */
    public record Mail(String key, long customerRef, Long letterId, String recipient) {
    }

    /** What the relay said, now or on an earlier attempt ({@code alreadyHandled}). */
    public record Outcome(boolean accepted, String messageId, String smtpReply, boolean alreadyHandled) {
    }

    /** What the caller does at each step; the link may be null when the mail carries none. */
    public interface Steps<L> {
        /** In the attempt's transaction, before the mail leaves: issues the personal link, or null. */
        L issueLink();

        /** Outside any transaction: the mail, with the link. */
        OutgoingMail compose(L link);

        /** In the transaction that records the outcome, or after an outage: the link did not go out. */
        void revokeLink(L link);

        /** In the transaction that records the relay's answer: status, evidence. */
        void record(Outcome outcome);
    }

    /**
     * @throws MailServerUnavailableException when the relay cannot be reached: nothing was sent, the
     *         attempt is recorded, and the caller's job should be retried
     */
    public <L> Outcome send(Mail mail, Steps<L> steps) {
        var previous = deliveries.find(mail.key());
        if (previous.isPresent() && previous.get().status() != MailDeliveries.Status.SENDING) {
            log.info("{} already handled by the relay ({}); not sent again", mail.key(), previous.get().status());
            return new Outcome(previous.get().status() == MailDeliveries.Status.SENT, previous.get().messageId(),
                    previous.get().smtpReply(), true);
        }
        L link = ownTransaction.execute(status -> {
            deliveries.attempt(mail.key(), mail.customerRef(), mail.letterId(), mail.recipient());
            return steps.issueLink();
        });
        SmtpResult result;
        try {
            result = transport.send(steps.compose(link));
        } catch (MailServerUnavailableException e) {
            ownTransaction.executeWithoutResult(status -> {
                if (link != null) {
                    steps.revokeLink(link);
                }
                deliveries.failedAttempt(mail.key(), e.getMessage());
            });
            throw e;
        }
        if (result instanceof SmtpResult.Accepted accepted) {
            Outcome outcome = new Outcome(true, accepted.messageId(), null, false);
            ownTransaction.executeWithoutResult(status -> {
                deliveries.sent(mail.key(), accepted.messageId());
                steps.record(outcome);
            });
            log.info("{} accepted by the mail relay", mail.key());
            return outcome;
        }
        SmtpResult.Refused refused = (SmtpResult.Refused) result;
        Outcome outcome = new Outcome(false, null, refused.code() + " " + refused.reply(), false);
        ownTransaction.executeWithoutResult(status -> {
            deliveries.refused(mail.key(), outcome.smtpReply());
            if (link != null) {
                steps.revokeLink(link);
            }
            steps.record(outcome);
        });
        log.info("{} refused by the mail relay with code {}", mail.key(), refused.code());
        return outcome;
    }

    /** Convenience for callers that build their steps from lambdas. */
    public static <L> Steps<L> steps(Supplier<L> issueLink, Function<L, OutgoingMail> compose, Consumer<L> revokeLink,
                                     Consumer<Outcome> record) {
        return new Steps<>() {
            @Override
            public L issueLink() {
                return issueLink.get();
            }

            @Override
            public OutgoingMail compose(L link) {
                return compose.apply(link);
            }

            @Override
            public void revokeLink(L link) {
                revokeLink.accept(link);
            }

            @Override
            public void record(Outcome outcome) {
                record.accept(outcome);
            }
        };
    }
}
