package fr.einvoicing.adoption.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Campaigns, in the application's own table. */
@Repository
public class Campaigns {

    private final JdbcClient jdbc;

    public Campaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new campaign: each settings component in the column of its name (see
     * {@link SettingsColumns}), the webinar sessions apart ({@link WebinarSessions}).
     */
    public long insert(CampaignStatus status, String createdBy, Instant createdAt, CampaignSettings settings) {
        var keys = new GeneratedKeyHolder();
        List<String> columns = new ArrayList<>(List.of("status", "created_by", "created_at"));
        List<Object> values = new ArrayList<>(List.of(status.name(), createdBy, createdAt.atOffset(ZoneOffset.UTC)));
        SettingsColumns.write(settings, columns, values);
        jdbc.sql("insert into campaign (" + String.join(", ", columns) + ") values ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")")
                .params(values)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Campaign> find(long id) {
        return jdbc.sql("select * from campaign where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public Campaign get(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No campaign " + id));
    }

    public Optional<Campaign> findByCode(String code) {
        return jdbc.sql("select * from campaign where code = ?")
                .param(code)
                .query(this::map)
                .optional();
    }

    public boolean exists(String code) {
        return jdbc.sql("select count(*) from campaign where code = ?")
                        .param(code)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<Campaign> all() {
        return jdbc.sql("select * from campaign order by created_at desc")
                .query(this::map)
                .list();
    }

    public void updateStatus(long id, CampaignStatus status) {
        jdbc.sql("update campaign set status = ? where id = ?")
                .param(status.name())
                .param(id)
                .update();
    }

    /** The sending throttle; campaigns created before it existed send at the deployment's default. */
    public int lettersPerHour(long id, int fallback) {
        Integer value = jdbc.sql("select letters_per_hour from campaign where id = ?")
                .param(id)
                .query(Integer.class)
                .optional()
                .orElse(null);
        return value == null ? fallback : value;
    }

    /** Removes a campaign's customers and rejected rows, before any journey started (file replaced). */
    public void removeCustomers(long id) {
        jdbc.sql("delete from customer_import_problem where campaign_id = ?")
                .param(id)
                .update();
        jdbc.sql("delete from campaign_customer where campaign_id = ? and process_instance_id is null")
                .param(id)
                .update();
    }

    /**
     * Deletes a draft campaign and everything it holds; customers already given a journey stay (the
     * foreign keys then refuse the deletion, and the transaction rolls back).
     *
     * @return whether a draft campaign was deleted
     */
    public boolean deleteDraft(long id) {
        jdbc.sql("delete from customer_import_problem where campaign_id = ?")
                .param(id)
                .update();
        jdbc.sql("delete from campaign_customer where campaign_id = ? and process_instance_id is null")
                .param(id)
                .update();
        jdbc.sql("delete from webinar_session where campaign_id = ?").param(id).update();
        return jdbc.sql("delete from campaign where id = ? and status = 'DRAFT'")
                        .param(id)
                        .update()
                == 1;
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(
                rs.getLong("id"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                SettingsColumns.read(rs));
    }
}
