package fr.einvoicing.adoption.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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

    public long insert(Campaign c) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into campaign (code, name, status, default_language, response_deadline, deadline_zone,"
                        + " reminder_before, silence_means_acceptance, first_einvoice_date, webinar_at, webinar_url,"
                        + " faq_url, show_tax_faq, contact_name, contact_email, contact_phone, terms_version, terms_url,"
                        + " supplier_legal_name, supplier_siren, supplier_address, supplier_iban, supplier_bic,"
                        + " supplier_phone, created_by, created_at, issuer_size, letter_template)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .param(c.code())
                .param(c.name())
                .param(c.status().name())
                .param(c.defaultLanguage())
                .param(utc(c.responseDeadline()))
                .param(c.zone().getId())
                .param(c.reminderBefore() == null ? null : c.reminderBefore().toString())
                .param(c.silenceMeansAcceptance())
                .param(c.firstEinvoiceDate())
                .param(utc(c.webinarAt()))
                .param(c.webinarUrl())
                .param(c.faqUrl())
                .param(c.showTaxFaq())
                .param(c.contact().name())
                .param(c.contact().email())
                .param(c.contact().phone())
                .param(c.termsVersion())
                .param(c.termsUrl())
                .param(c.supplier().legalName())
                .param(c.supplier().siren())
                .param(c.supplier().address())
                .param(c.supplier().iban())
                .param(c.supplier().bic())
                .param(c.supplier().phone())
                .param(c.createdBy())
                .param(c.createdAt().atOffset(ZoneOffset.UTC))
                .param(c.issuerSize().name())
                .param(c.letterTemplate())
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

    public void setLettersPerHour(long id, int lettersPerHour) {
        jdbc.sql("update campaign set letters_per_hour = ? where id = ?")
                .params(lettersPerHour, id)
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

    private static OffsetDateTime utc(ZonedDateTime time) {
        return time == null ? null : time.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("deadline_zone"));
        String reminder = rs.getString("reminder_before");
        OffsetDateTime webinar = rs.getObject("webinar_at", OffsetDateTime.class);
        return new Campaign(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("default_language"),
                rs.getObject("response_deadline", OffsetDateTime.class).atZoneSameInstant(zone),
                reminder == null ? null : Duration.parse(reminder),
                rs.getBoolean("silence_means_acceptance"),
                rs.getObject("first_einvoice_date", LocalDate.class),
                webinar == null ? null : webinar.atZoneSameInstant(zone),
                rs.getString("webinar_url"),
                rs.getString("faq_url"),
                rs.getBoolean("show_tax_faq"),
                new Campaign.Contact(
                        rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone")),
                rs.getString("terms_version"),
                rs.getString("terms_url"),
                new Campaign.Supplier(
                        rs.getString("supplier_legal_name"),
                        rs.getString("supplier_siren"),
                        rs.getString("supplier_address"),
                        rs.getString("supplier_iban"),
                        rs.getString("supplier_bic"),
                        rs.getString("supplier_phone")),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                IssuerSize.valueOf(rs.getString("issuer_size")),
                rs.getString("letter_template"));
    }
}
