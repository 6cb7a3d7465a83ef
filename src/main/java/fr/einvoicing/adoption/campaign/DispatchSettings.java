package fr.einvoicing.adoption.campaign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How approved campaigns send their letters and close.
 *
 * @param lettersPerHour default throttle when a campaign sets none
 * @param waveInterval   time between two waves; each wave starts lettersPerHour x interval journeys
 * @param closingGrace   after the deadline, how long answers may still come before the campaign closes
 * @param settledCheck   how often a campaign past its grace period checks whether every customer is settled
 */
@ConfigurationProperties("campaign.dispatch")
public record DispatchSettings(
        @DefaultValue("600") int lettersPerHour,
        @DefaultValue("5m") Duration waveInterval,
        @DefaultValue("3d") Duration closingGrace,
        @DefaultValue("1d") Duration settledCheck) {

    /** Journeys started by one wave: the hourly throttle spread over the waves of an hour, at least one. */
    public int waveSize(int campaignLettersPerHour) {
        double perWave = campaignLettersPerHour * (waveInterval.toMillis() / 3_600_000.0);
        return Math.max(1, (int) Math.floor(perWave));
    }
}
