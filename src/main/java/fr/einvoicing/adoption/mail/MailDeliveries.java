package fr.einvoicing.adoption.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per mail that must leave once and only once, keyed by an idempotency key. A retry that
 * finds the row SENT does not send again.
 */
@Repository
public class MailDeliveries {

    public enum Status { SENDING, SENT, REFUSED }

    public record Delivery(String key, Status status, int attempts, String smtpReply, String messageId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public MailDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Delivery> find(String key) {
        return jdbc.sql("select idempotency_key, status, attempts, smtp_reply, message_id from mail_delivery"
                        + " where idempotency_key = ?")
                .param(key)
                .query((rs, i) -> new Delivery(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** Records one more attempt at sending, creating the row on the first one. */
    public void attempt(String key, long customerRef, Long letterId, String recipient) {
        int updated = jdbc.sql("update mail_delivery set attempts = attempts + 1 where idempotency_key = ?")
                .param(key).update();
        if (updated == 0) {
            jdbc.sql("insert into mail_delivery (idempotency_key, campaign_customer_id, letter_id, recipient, status,"
                            + " attempts, first_attempt_at) values (?,?,?,?,'SENDING',1,?)")
                    .param(key).param(customerRef).param(letterId).param(recipient).param(now()).update();
        }
    }

    public void sent(String key, String messageId) {
        jdbc.sql("update mail_delivery set status = 'SENT', message_id = ?, smtp_reply = null, completed_at = ?"
                        + " where idempotency_key = ?")
                .param(messageId).param(now()).param(key).update();
    }

    public void refused(String key, String reply) {
        jdbc.sql("update mail_delivery set status = 'REFUSED', smtp_reply = ?, completed_at = ? where idempotency_key = ?")
                .param(truncate(reply)).param(now()).param(key).update();
    }

    public void failedAttempt(String key, String reason) {
        jdbc.sql("update mail_delivery set smtp_reply = ? where idempotency_key = ?")
                .param(truncate(reason)).param(key).update();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
