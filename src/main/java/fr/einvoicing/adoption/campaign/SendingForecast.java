package fr.einvoicing.adoption.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;

/**
 * Whether the letters still to send can all leave in time: at the campaign's sending rate, the last
 * one must leave at least the minimum answer time before the deadline, or those customers will not
 * be accepted tacitly (they go to a person at the deadline). Shown on the campaign page before and
 * during the waves, so that a manager raises the rate or moves the deadline while it still helps.
 */
@Component
public class SendingForecast {

    /** The last letters would leave at {@code lastLetterAt}; silence counts only for letters out by {@code latestInTime}. */
    public record TooLate(long lettersToSend, int lettersPerHour, Instant lastLetterAt, Instant latestInTime) {}

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final DispatchSettings dispatch;
    private final Duration minimumAnswerTime;
    private final Clock clock;

    public SendingForecast(
            Campaigns campaigns,
            CampaignCustomers customers,
            DispatchSettings dispatch,
            CampaignProperties properties,
            Clock clock) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.dispatch = dispatch;
        this.minimumAnswerTime = properties.response().minimumAnswerTime();
        this.clock = clock;
    }

    public Optional<TooLate> check(Campaign campaign) {
        if (!campaign.settings().silenceMeansAcceptance() || campaign.status() == CampaignStatus.CLOSED) {
            return Optional.empty();
        }
        var counts = customers.countByStatus(campaign.id());
        long toSend =
                counts.getOrDefault(CustomerStatus.NEW, 0L) + counts.getOrDefault(CustomerStatus.LETTER_PREPARED, 0L);
        if (toSend == 0) {
            return Optional.empty();
        }
        int perHour = Math.max(1, campaigns.lettersPerHour(campaign.id(), dispatch.lettersPerHour()));
        Instant lastLetterAt = clock.instant().plusMillis(Math.round(toSend * 3_600_000.0 / perHour));
        Instant latestInTime = campaign.settings().deadline().toInstant().minus(minimumAnswerTime);
        return lastLetterAt.isAfter(latestInTime)
                ? Optional.of(new TooLate(toSend, perHour, lastLetterAt, latestInTime))
                : Optional.empty();
    }
}
