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
 * @param waveSlice      at most this many journeys started by one job of the campaign process: a larger wave
 *                       (a high throttle) goes on in further jobs right away, so that no job outlives its lock
 *                       and a pause takes effect within one slice
 */
@ConfigurationProperties("campaign.dispatch")
public record DispatchSettings(
        @DefaultValue("600") int lettersPerHour,
        @DefaultValue("5m") Duration waveInterval,
        @DefaultValue("3d") Duration closingGrace,
        @DefaultValue("1d") Duration settledCheck,
        @DefaultValue("1000") int waveSlice) {

    public DispatchSettings {
        if (waveSlice < 1) {
            throw new IllegalArgumentException("campaign.dispatch.wave-slice must be 1 or more");
        }
    }

    /** Journeys started by one wave: the hourly throttle spread over the waves of an hour, at least one. */
    public int waveSize(int campaignLettersPerHour) {
        double perWave = campaignLettersPerHour * (waveInterval.toMillis() / 3_600_000.0);
        return Math.max(1, (int) Math.floor(perWave));
    }
}
