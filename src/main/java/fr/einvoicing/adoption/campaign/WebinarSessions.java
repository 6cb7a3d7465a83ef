package fr.einvoicing.adoption.campaign;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webinar sessions a campaign offers, earliest first. */
@Repository
public class WebinarSessions {

    private final JdbcClient jdbc;

    public WebinarSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Session(long id, long campaignId, OffsetDateTime startsAt) {}

    public void addAll(long campaignId, Collection<ZonedDateTime> startsAt) {
        startsAt.stream().distinct().forEach(at -> jdbc.sql(
                        "insert into webinar_session (campaign_id, starts_at) values (?, ?)")
                .params(campaignId, at.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .update());
    }

    public List<Session> ofCampaign(long campaignId) {
        return jdbc.sql(
                        "select id, campaign_id, starts_at from webinar_session where campaign_id = ? order by starts_at")
                .param(campaignId)
                .query((rs, i) -> new Session(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    public Optional<Session> find(long campaignId, long sessionId) {
        return ofCampaign(campaignId).stream().filter(s -> s.id() == sessionId).findFirst();
    }
}
