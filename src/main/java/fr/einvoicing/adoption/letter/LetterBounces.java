package fr.einvoicing.adoption.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.mail.BounceHandler;
import fr.einvoicing.adoption.mail.DeliveryStatusReport;

/**
 * A letter the relay accepted but the customer's server later bounced is treated like one refused
 * during the SMTP dialogue: silence can no longer count, the customer goes to "Reach customer another
 * way", the report is in the evidence. A bounce that comes after silence already counted goes to a
 * person for review and is flagged in the evidence; the acceptance is not silently kept.
 */
@Service
public class LetterBounces implements BounceHandler {

    private static final Logger log = LoggerFactory.getLogger(LetterBounces.class);

    /** What a report led to, kept with it. */
    enum Outcome {
        REACH_CUSTOMER,
        REVIEW_AFTER_ACCEPTANCE,
        RECORDED_ONLY,
        UNKNOWN_MAIL
    }

    private final JdbcClient jdbc;
    private final CampaignCustomers customers;
    private final EvidenceLog evidence;
    private final BounceJourneys journeys;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public LetterBounces(
            JdbcClient jdbc,
            CampaignCustomers customers,
            EvidenceLog evidence,
            BounceJourneys journeys,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.evidence = evidence;
        this.journeys = journeys;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    private record Delivery(long id, String key, long customerRef, Long letterId) {}

    @Override
    public boolean handle(DeliveryStatusReport report) {
        try {
            Outcome outcome = transaction.execute(status -> record(report));
            log.info("Delivery report {}: {}", report.status(), outcome);
            return true;
        } catch (DuplicateKeyException e) {
            // another node recorded it first
            return true;
        }
    }

    private Outcome record(DeliveryStatusReport report) {
        var delivery = report.originalMessageId() == null
                ? java.util.Optional.<Delivery>empty()
                : jdbc.sql(
                                "select id, idempotency_key, campaign_customer_id, letter_id from mail_delivery where message_id = ?")
                        .param(report.originalMessageId())
                        .query((rs, i) -> new Delivery(
                                rs.getLong(1), rs.getString(2), rs.getLong(3), (Long) rs.getObject(4, Long.class)))
                        .optional();
        Outcome outcome = delivery.map(this::apply).orElse(Outcome.UNKNOWN_MAIL);
        jdbc.sql("insert into mail_bounce (report_id, original_message_id, mail_delivery_id, recipient, status_code,"
                        + " diagnostic, outcome, received_at) values (?,?,?,?,?,?,?,?)")
                .param(report.reportId())
                .param(report.originalMessageId())
                .param(delivery.map(Delivery::id).orElse(null))
                .param(report.recipient())
                .param(report.status())
                .param(report.diagnostic())
                .param(outcome.name())
                .param(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
        delivery.ifPresent(d -> evidence(d, report, outcome));
        return outcome;
    }

    /** Changes the journey; the evidence follows in the same transaction. */
    private Outcome apply(Delivery delivery) {
        if (!delivery.key().startsWith("LETTER:")) {
            return Outcome.RECORDED_ONLY;
        }
        CampaignCustomer customer = customers.get(delivery.customerRef());
        Long current = jdbc.sql("select max(id) from letter where campaign_customer_id = ? and kind <> 'REMINDER'")
                .param(customer.id())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (!java.util.Objects.equals(current, delivery.letterId())) {
            // an earlier letter, e.g. before the address was corrected: the current one is not concerned
            return Outcome.RECORDED_ONLY;
        }
        if (customer.status().isBeforeAnswer()) {
            customers.letterBounced(customer.id());
            return Outcome.REACH_CUSTOMER;
        }
        if (customer.status() == CustomerStatus.ACCEPTED_TACITLY) {
            return Outcome.REVIEW_AFTER_ACCEPTANCE;
        }
        // the customer answered, was reached, or is already being reached: the record is enough
        return Outcome.RECORDED_ONLY;
    }

    private void evidence(Delivery delivery, DeliveryStatusReport report, Outcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mail", delivery.key());
        details.put("originalMessageId", report.originalMessageId());
        details.put("reportId", report.reportId());
        details.put("recipient", report.recipient());
        details.put("status", report.status());
        details.put("diagnostic", report.diagnostic());
        details.put("outcome", outcome.name());
        String reason = "A delivery report says the letter did not reach " + report.recipient() + " (status "
                + report.status() + (report.diagnostic() == null ? "" : ": " + report.diagnostic()) + ")";
        CampaignCustomer customer = customers.get(delivery.customerRef());
        switch (outcome) {
            case REACH_CUSTOMER -> {
                evidence.append(
                        customer.id(),
                        EvidenceType.LETTER_BOUNCED,
                        "system:mail",
                        abbreviate("Letter bounced after the relay accepted it; silence cannot count. " + reason),
                        details);
                journeys.letterBounced(customer, reason);
            }
            case REVIEW_AFTER_ACCEPTANCE -> {
                evidence.append(
                        customer.id(),
                        EvidenceType.BOUNCE_AFTER_ACCEPTANCE,
                        "system:mail",
                        abbreviate(
                                "Letter bounced after its silence counted as acceptance; sent for review. " + reason),
                        details);
                journeys.reviewBounceAfterAcceptance(customer, reason);
            }
            default ->
                evidence.append(
                        customer.id(),
                        delivery.key().startsWith("LETTER:") ? EvidenceType.LETTER_BOUNCED : EvidenceType.MAIL_BOUNCED,
                        "system:mail",
                        abbreviate("Mail " + delivery.key().split(":")[0].toLowerCase() + " bounced. " + reason),
                        details);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
