package fr.einvoicing.adoption.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per mail that must leave once and only once, keyed by an idempotency key. A retry that
 * finds the row SENT or REFUSED does not send again; one that finds it SENDING sends the same mail
 * (same Message-ID, same link) again.
 */
@Repository
public class MailDeliveries {

    public enum Status {
        /** An attempt is under way, or was cut short (a crash) before the relay's answer was recorded. */
        SENDING,
        /** The relay could not be reached or the mail could not be built: nothing left, the job retries. */
        NOT_SENT,
        SENT,
        REFUSED;

        public boolean handled() {
            return this == SENT || this == REFUSED;
        }
    }

    /**
     * A delivery as a new attempt finds it.
     *
     * @param linkTokenId the personal link issued for this mail, kept across attempts until the relay answers
     * @param linkToken   its raw token, kept only while the relay's answer is unknown
     */
    public record Delivery(
            String key,
            Status status,
            int attempts,
            String smtpReply,
            String messageId,
            Long linkTokenId,
            String linkToken,
            int interruptedAttempts) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    public MailDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Delivery> find(String key) {
        return jdbc.sql("select idempotency_key, status, attempts, smtp_reply, message_id, link_token_id, link_token,"
                        + " interrupted_attempts from mail_delivery where idempotency_key = ?")
                .param(key)
                .query((rs, i) -> new Delivery(
                        rs.getString(1),
                        Status.valueOf(rs.getString(2)),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        (Long) rs.getObject(6, Long.class),
                        rs.getString(7),
                        rs.getInt(8)))
                .optional();
    }

    /** The first attempt: the mail's Message-ID and link are fixed here for every later attempt. */
    public void firstAttempt(
            String key,
            long customerRef,
            Long letterId,
            String recipient,
            String messageId,
            Long linkTokenId,
            String linkToken) {
        jdbc.sql("insert into mail_delivery (idempotency_key, campaign_customer_id, letter_id, recipient, status,"
                        + " attempts, first_attempt_at, message_id, link_token_id, link_token)"
                        + " values (?,?,?,?,'SENDING',1,?,?,?,?)")
                .param(key)
                .param(customerRef)
                .param(letterId)
                .param(recipient)
                .param(now())
                .param(messageId)
                .param(linkTokenId)
                .param(linkToken)
                .update();
    }

    /**
     * One more attempt. An attempt that found the row SENDING follows one that was cut short: the
     * relay may have taken that mail, so this one may reach the customer a second time.
     */
    public void nextAttempt(String key, boolean afterInterruption) {
        jdbc.sql("update mail_delivery set status = 'SENDING', attempts = attempts + 1, smtp_reply = null,"
                        + " interrupted_attempts = interrupted_attempts + ? where idempotency_key = ?")
                .param(afterInterruption ? 1 : 0)
                .param(key)
                .update();
    }

    public void sent(String key, String messageId) {
        jdbc.sql("update mail_delivery set status = 'SENT', message_id = ?, smtp_reply = null, completed_at = ?,"
                        + " link_token = null where idempotency_key = ?")
                .param(messageId)
                .param(now())
                .param(key)
                .update();
    }

    public void refused(String key, String reply) {
        jdbc.sql("update mail_delivery set status = 'REFUSED', smtp_reply = ?, completed_at = ?, link_token = null"
                        + " where idempotency_key = ?")
                .param(truncate(reply))
                .param(now())
                .param(key)
                .update();
    }

    /** Nothing left (the relay could not be reached, the mail could not be built); the job retries. */
    public void notSent(String key, String reason) {
        jdbc.sql("update mail_delivery set status = 'NOT_SENT', smtp_reply = ? where idempotency_key = ?")
                .param(truncate(reason))
                .param(key)
                .update();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
