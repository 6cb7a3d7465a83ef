package fr.einvoicing.adoption.campaign;

import java.time.Instant;

/**
 * A stored campaign: its settings ({@link CampaignSettings}, with the deployment's defaults filled in)
 * and what the application keeps of its life.
 */
public record Campaign(long id, CampaignStatus status, String createdBy, Instant createdAt, CampaignSettings settings) {

    /** The campaign's code, in business keys, links and logs. */
    public String code() {
        return settings.code();
    }

    public String name() {
        return settings.name();
    }
}
