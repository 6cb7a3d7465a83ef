package fr.einvoicing.adoption.operations;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import fr.einvoicing.adoption.consent.EvidenceRecorded;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;

/**
 * What happens in the campaigns, as metrics for the operators' dashboard ({@code /actuator/prometheus}).
 *
 * <p>Counters follow the evidence: each fact is counted once its evidence entry has committed, on the
 * node that recorded it (add the nodes up: {@code sum(rate(...))}). The customers-by-status gauge is
 * read from the database, so every node reports the same figure (take {@code max}, not the sum).
 */
@Component
public class CampaignMetrics {

    static final String MAILS = "adoption.mails";
    static final String ANSWERS = "adoption.answers";
    static final String TACIT_ACCEPTANCES = "adoption.tacit.acceptances";
    static final String EVIDENCE = "adoption.evidence";
    static final String CUSTOMERS = "adoption.customers";

    private final MeterRegistry registry;
    private final CampaignCustomers customers;
    private final Map<EvidenceType, List<Counter>> countersByType = new EnumMap<>(EvidenceType.class);
    private final MultiGauge customersByStatus;

    public CampaignMetrics(MeterRegistry registry, CampaignCustomers customers) {
        this.registry = registry;
        this.customers = customers;
        for (EvidenceType type : EvidenceType.values()) {
            List<Counter> counters = new ArrayList<>();
            counters.add(Counter.builder(EVIDENCE)
                    .description("Evidence entries recorded, by type")
                    .tag("type", type.name())
                    .register(registry));
            countersByType.put(type, counters);
        }
        mail(EvidenceType.LETTER_SENT, "letter", "sent");
        mail(EvidenceType.LETTER_REFUSED_BY_MAIL_SERVER, "letter", "refused");
        mail(EvidenceType.LETTER_BOUNCED, "letter", "bounced");
        mail(EvidenceType.REMINDER_SENT, "reminder", "sent");
        mail(EvidenceType.REMINDER_REFUSED_BY_MAIL_SERVER, "reminder", "refused");
        mail(EvidenceType.FOLLOW_UP_MAIL_SENT, "follow_up", "sent");
        mail(EvidenceType.FOLLOW_UP_MAIL_REFUSED, "follow_up", "refused");
        mail(EvidenceType.MAIL_BOUNCED, "reminder_or_follow_up", "bounced");
        answer(EvidenceType.CONSENT_EXPLICIT, "accepted");
        answer(EvidenceType.REFUSAL_RECEIVED, "refused");
        answer(EvidenceType.CONSENT_BY_PHONE, "accepted_by_phone");
        answer(EvidenceType.LATE_ANSWER_ROUTED, "late");
        countersByType
                .get(EvidenceType.CONSENT_TACIT)
                .add(Counter.builder(TACIT_ACCEPTANCES)
                        .description("Customers whose silence by the deadline counted as acceptance")
                        .register(registry));
        customersByStatus = MultiGauge.builder(CUSTOMERS)
                .description("Customers of each draft or running campaign, by status")
                .register(registry);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void recorded(EvidenceRecorded event) {
        countersByType.get(event.type()).forEach(Counter::increment);
    }

    /** The database is read at most every 15 seconds, whatever the number of scrapes. */
    @Scheduled(fixedDelayString = "${campaign.metrics.refresh-interval:PT15S}")
    public void refreshCustomerCounts() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        customers
                .countByStatusOfOpenCampaigns()
                .forEach((campaign, counts) -> counts.forEach((CustomerStatus status, Long count) ->
                        rows.add(MultiGauge.Row.of(Tags.of("campaign", campaign, "status", status.name()), count))));
        customersByStatus.register(rows, true);
    }

    private void mail(EvidenceType type, String kind, String outcome) {
        countersByType
                .get(type)
                .add(Counter.builder(MAILS)
                        .description("Mails to customers, by kind and by what the mail server said")
                        .tags("kind", kind, "outcome", outcome)
                        .register(registry));
    }

    private void answer(EvidenceType type, String kind) {
        countersByType
                .get(type)
                .add(Counter.builder(ANSWERS)
                        .description("Customers' answers, by kind")
                        .tag("kind", kind)
                        .register(registry));
    }
}
