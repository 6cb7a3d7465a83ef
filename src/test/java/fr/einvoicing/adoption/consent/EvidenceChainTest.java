package fr.einvoicing.adoption.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence chain shows any change made behind the application's back. */
class EvidenceChainTest extends EngineTestSupport {

    @Autowired
    JdbcClient jdbc;

    private CampaignCustomer acceptedCustomer() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        new Browserless().answer(onlyMailTo(settings.email("c1")).responseLink(), Map.of("decision", "ACCEPT"));
        return customer(campaign, "C1");
    }

    @Test
    void each_entry_is_sealed_by_the_hash_of_the_one_before() {
        CampaignCustomer customer = acceptedCustomer();
        var entries = evidence.entries(customer.id());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).previousHash())
                    .isEqualTo(entries.get(i - 1).entryHash());
            assertThat(entries.get(i).seq()).isEqualTo(entries.get(i - 1).seq() + 1);
        }
        assertThat(evidence.verify(customer.id()).intact()).isTrue();
    }

    @Test
    void an_edited_entry_breaks_the_chain_at_that_entry() {
        CampaignCustomer customer = acceptedCustomer();
        var entries = evidence.entries(customer.id());
        var consent = entries.stream()
                .filter(e -> e.type() == EvidenceType.CONSENT_EXPLICIT)
                .findFirst()
                .orElseThrow();

        jdbc.sql("update evidence_entry set summary = :s where id = :id")
                .param("s", "Refused")
                .param("id", consent.id())
                .update();

        var verification = evidence.verify(customer.id());
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(consent.seq());
    }

    @Test
    void a_deleted_entry_breaks_the_chain() {
        CampaignCustomer customer = acceptedCustomer();
        var entries = evidence.entries(customer.id());
        var second = entries.get(1);

        jdbc.sql("delete from evidence_entry where id = :id")
                .param("id", second.id())
                .update();

        var verification = evidence.verify(customer.id());
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(entries.get(2).seq());
    }

    @Test
    void camunda_history_cleanup_removes_a_journey_180_days_after_it_ended_and_leaves_the_evidence_untouched() {
        CampaignCustomer customer = acceptedCustomer();
        String journey = processInstanceId(customer);
        Instant ended = historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(journey)
                .singleResult()
                .getEndTime()
                .toInstant();
        int before = evidence.entries(customer.id()).size();

        moveClockTo(ended.plus(Duration.ofDays(179)));
        cleanUpHistory(journey);
        assertThat(historyOf(journey))
                .as("history 179 days after the journey ended")
                .isOne();

        moveClockTo(ended.plus(Duration.ofDays(181)));
        cleanUpHistory(journey);
        assertThat(historyOf(journey))
                .as("history 181 days after the journey ended")
                .isZero();
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(journey)
                        .count())
                .isZero();
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(journey)
                        .count())
                .isZero();

        assertThat(evidence.entries(customer.id())).hasSize(before);
        assertThat(evidence.verify(customer.id()).intact()).isTrue();
    }

    private long historyOf(String processInstanceId) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .count();
    }

    /** Camunda's history cleanup job, run now as its nightly window would, until it has nothing left. */
    private void cleanUpHistory(String processInstanceId) {
        for (int run = 0; run < 50 && historyOf(processInstanceId) > 0; run++) {
            long left = historyService
                    .createHistoricProcessInstanceQuery()
                    .finished()
                    .count();
            managementService.executeJob(
                    historyService.cleanUpHistoryAsync(true).getId());
            if (historyService.createHistoricProcessInstanceQuery().finished().count() == left) {
                return;
            }
        }
    }
}
