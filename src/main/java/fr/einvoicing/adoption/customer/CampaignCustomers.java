package fr.einvoicing.adoption.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The customers of each campaign, in the application's own table. */
@Repository
public class CampaignCustomers {

    private static final String COLUMNS =
            "id, campaign_id, customer_id, business_key, company_name, contact_name, email,"
                    + " siren, siret, language, segment, account_manager, attributes, status, response_deadline,"
                    + " letter_delivered, process_instance_id, outcome_at, outcome_by, country, vat_registered, public_entity,"
                    + " consent_mode";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;
    private final Clock clock;

    public CampaignCustomers(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.clock = clock;
    }

    public void insertAll(long campaignId, String campaignCode, List<CustomerRow> rows) {
        OffsetDateTime now = now();
        jdbcTemplate.batchUpdate(
                "insert into campaign_customer (campaign_id, customer_id, business_key, company_name,"
                        + " contact_name, email, siren, siret, language, segment, account_manager, attributes, status,"
                        + " letter_delivered, created_at, updated_at, country, vat_registered, public_entity)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,false,?,?,?,?,?)",
                rows,
                500,
                (ps, row) -> {
                    ps.setLong(1, campaignId);
                    ps.setString(2, row.customerId());
                    ps.setString(3, CampaignCustomer.businessKey(campaignCode, row.customerId()));
                    ps.setString(4, row.companyName());
                    ps.setString(5, row.contactName());
                    ps.setString(6, row.email());
                    ps.setString(7, row.siren());
                    ps.setString(8, row.siret());
                    ps.setString(9, row.language());
                    ps.setString(10, row.segment());
                    ps.setString(11, row.accountManager());
                    ps.setString(12, toJson(row.attributes()));
                    ps.setString(13, CustomerStatus.NEW.name());
                    ps.setObject(14, now);
                    ps.setObject(15, now);
                    ps.setString(16, row.country());
                    ps.setBoolean(17, row.vatRegistered());
                    ps.setBoolean(18, row.publicEntity());
                });
    }

    /**
     * Copies the customers of one campaign whose status is among {@code statuses} into another, as
     * new customers (latest contact details; no journey, no outcome). One statement, in the database.
     *
     * @return how many were copied
     */
    public long copyForFollowUp(
            long fromCampaignId, long toCampaignId, String toCampaignCode, Collection<CustomerStatus> statuses) {
        OffsetDateTime now = now();
        return jdbc.sql(
                        "insert into campaign_customer (campaign_id, customer_id, business_key, company_name, contact_name,"
                                + " email, siren, siret, language, segment, account_manager, attributes, status, letter_delivered,"
                                + " created_at, updated_at, country, vat_registered, public_entity)"
                                + " select :to, customer_id, :prefix || customer_id, company_name, contact_name, email, siren, siret,"
                                + " language, segment, account_manager, attributes, 'NEW', false, :now, :now, country, vat_registered,"
                                + " public_entity from campaign_customer where campaign_id = :from and status in (:statuses)"
                                + " order by id")
                .param("to", toCampaignId)
                .param("prefix", CampaignCustomer.businessKey(toCampaignCode, ""))
                .param("now", now)
                .param("from", fromCampaignId)
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .update();
    }

    /**
     * Which of these customer ids the campaign already holds. Looked up by business key (unique on its
     * own): the lookup stays an index probe per id even while a large import outruns the database's
     * statistics, where a lookup by campaign would read every row of the campaign imported so far.
     */
    public Set<String> existingIds(String campaignCode, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select customer_id from campaign_customer where business_key in (:keys)")
                .param(
                        "keys",
                        customerIds.stream()
                                .map(id -> CampaignCustomer.businessKey(campaignCode, id))
                                .toList())
                .query(String.class)
                .list());
    }

    public CampaignCustomer get(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No campaign customer " + id));
    }

    public Optional<CampaignCustomer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from campaign_customer where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public Optional<CampaignCustomer> findByCustomerId(long campaignId, String customerId) {
        return jdbc.sql("select " + COLUMNS + " from campaign_customer where campaign_id = ? and customer_id = ?")
                .param(campaignId)
                .param(customerId)
                .query(this::map)
                .optional();
    }

    /** Locks the customer's row until the end of the transaction (evidence chain, status changes). */
    public void lock(long id) {
        jdbc.sql("select id from campaign_customer where id = ? for update")
                .param(id)
                .query(Long.class)
                .single();
    }

    public long count(long campaignId) {
        return jdbc.sql("select count(*) from campaign_customer where campaign_id = ?")
                .param(campaignId)
                .query(Long.class)
                .single();
    }

    /** How many customers of the campaign have no journey yet. */
    public long countNotStarted(long campaignId) {
        return jdbc.sql("select count(*) from campaign_customer where campaign_id = ? and process_instance_id is null")
                .param(campaignId)
                .query(Long.class)
                .single();
    }

    public List<CampaignCustomer> nextNotStarted(long campaignId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from campaign_customer where campaign_id = ? and status = 'NEW'"
                        + " and process_instance_id is null order by id fetch first ? rows only")
                .param(campaignId)
                .param(limit)
                .query(this::map)
                .list();
    }

    public List<CampaignCustomer> page(long campaignId, String search, int offset, int limit) {
        String like =
                search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase() + "%";
        return jdbc.sql("select " + COLUMNS + " from campaign_customer where campaign_id = :campaign"
                        + (like == null
                                ? ""
                                : " and (lower(customer_id) like :like or lower(company_name) like :like"
                                        + " or lower(email) like :like)")
                        + " order by id offset :offset rows fetch next :limit rows only")
                .param("campaign", campaignId)
                .param("like", like)
                .param("offset", offset)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    public Map<CustomerStatus, Long> countByStatus(long campaignId) {
        Map<CustomerStatus, Long> counts = new LinkedHashMap<>();
        for (CustomerStatus status : CustomerStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from campaign_customer where campaign_id = ? group by status")
                .param(campaignId)
                .query((rs, i) -> Map.entry(CustomerStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * How many customers of each campaign still in progress (draft or running) stand in each status,
     * keyed by campaign code: what the operators' dashboard follows during a burst.
     */
    /** How many customers of the campaign have no settled outcome yet ({@link CustomerStatus#isSettled()}). */
    public long countUnsettled(long campaignId) {
        List<String> settled = java.util.Arrays.stream(CustomerStatus.values())
                .filter(CustomerStatus::isSettled)
                .map(Enum::name)
                .toList();
        return jdbc.sql(
                        "select count(*) from campaign_customer where campaign_id = :campaign and status not in (:settled)")
                .param("campaign", campaignId)
                .param("settled", settled)
                .query(Long.class)
                .single();
    }

    public Map<String, Map<CustomerStatus, Long>> countByStatusOfOpenCampaigns() {
        Map<String, Map<CustomerStatus, Long>> counts = new LinkedHashMap<>();
        jdbc.sql(
                        "select c.code, cc.status, count(*) as n from campaign_customer cc join campaign c on c.id = cc.campaign_id"
                                + " where c.status in ('DRAFT', 'RUNNING') group by c.code, cc.status")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString("code"), code -> {
                                Map<CustomerStatus, Long> zeros = new LinkedHashMap<>();
                                for (CustomerStatus status : CustomerStatus.values()) {
                                    zeros.put(status, 0L);
                                }
                                return zeros;
                            })
                            .put(CustomerStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * Claims the right to start the customer's journey; of two starters (a retry, a second node),
     * only one gets it. The claim commits or rolls back with the start itself.
     */
    public boolean claimJourneyStart(long id) {
        return jdbc.sql("update campaign_customer set process_instance_id = ?, updated_at = ?"
                                + " where id = ? and process_instance_id is null")
                        .param(CampaignCustomer.JOURNEY_STARTING)
                        .param(now())
                        .param(id)
                        .update()
                == 1;
    }

    public void journeyStarted(long id, String processInstanceId) {
        jdbc.sql("update campaign_customer set process_instance_id = ?, updated_at = ? where id = ?")
                .param(processInstanceId)
                .param(now())
                .param(id)
                .update();
    }

    public void updateStatus(long id, CustomerStatus status) {
        jdbc.sql("update campaign_customer set status = ?, updated_at = ? where id = ?")
                .param(status.name())
                .param(now())
                .param(id)
                .update();
    }

    public void settle(long id, CustomerStatus status, String decidedBy) {
        OffsetDateTime now = now();
        jdbc.sql("update campaign_customer set status = ?, outcome_at = ?, outcome_by = ?, updated_at = ? where id = ?")
                .param(status.name())
                .param(now)
                .param(decidedBy)
                .param(now)
                .param(id)
                .update();
    }

    /** When the relay accepted the customer's letter (not a reminder), if it did. */
    public Optional<OffsetDateTime> letterSentAt(long id) {
        return jdbc.sql("select max(d.completed_at) from mail_delivery d join letter l on l.id = d.letter_id"
                        + " where d.campaign_customer_id = ? and d.status = 'SENT' and l.kind <> 'REMINDER'")
                .param(id)
                .query(OffsetDateTime.class)
                .optional();
    }

    public void letterPrepared(long id, OffsetDateTime deadline) {
        jdbc.sql(
                        "update campaign_customer set status = 'LETTER_PREPARED', response_deadline = ?, letter_delivered = false,"
                                + " updated_at = ? where id = ?")
                .param(deadline)
                .param(now())
                .param(id)
                .update();
    }

    public void letterDelivered(long id) {
        jdbc.sql("update campaign_customer set status = 'AWAITING_RESPONSE', letter_delivered = true, updated_at = ?"
                        + " where id = ?")
                .param(now())
                .param(id)
                .update();
    }

    /** A delivery report says the letter never reached the customer: silence can no longer count. */
    public void letterBounced(long id) {
        jdbc.sql("update campaign_customer set status = 'UNDELIVERABLE', letter_delivered = false, updated_at = ?"
                        + " where id = ?")
                .param(now())
                .param(id)
                .update();
    }

    public void awaitingPostalAnswer(long id, OffsetDateTime deadline) {
        jdbc.sql("update campaign_customer set status = 'AWAITING_RESPONSE', letter_delivered = false,"
                        + " response_deadline = ?, updated_at = ? where id = ?")
                .param(deadline)
                .param(now())
                .param(id)
                .update();
    }

    /** Records what the consent-requirement decision said for this customer, and on which basis. */
    public void consentDecided(long id, ConsentMode mode, String basis) {
        jdbc.sql("update campaign_customer set consent_mode = ?, consent_basis = ?, updated_at = ? where id = ?")
                .param(mode.name())
                .param(basis == null || basis.length() <= 500 ? basis : basis.substring(0, 500))
                .param(now())
                .param(id)
                .update();
    }

    /**
     * The distinct consent-decision inputs among a campaign's customers (a handful of combinations
     * however many customers), with how many customers share each.
     */
    public List<ConsentProfile> consentProfiles(long campaignId) {
        return jdbc.sql("select country, vat_registered, public_entity, count(*) as n from campaign_customer"
                        + " where campaign_id = ? group by country, vat_registered, public_entity"
                        + " order by count(*) desc")
                .param(campaignId)
                .query((rs, i) -> new ConsentProfile(
                        rs.getString("country"),
                        rs.getBoolean("vat_registered"),
                        rs.getBoolean("public_entity"),
                        rs.getLong("n")))
                .list();
    }

    /** One combination of the consent-decision inputs, and how many customers have it. */
    public record ConsentProfile(String country, boolean vatRegistered, boolean publicEntity, long customers) {}

    public void changeEmail(long id, String email) {
        jdbc.sql("update campaign_customer set email = ?, updated_at = ? where id = ?")
                .param(email)
                .param(now())
                .param(id)
                .update();
    }

    /** Master data reviewed by a data steward: identifiers and contact. */
    public void updateMasterData(long id, String siren, String siret, String contactName) {
        jdbc.sql("update campaign_customer set siren = ?, siret = ?, contact_name = ?, updated_at = ? where id = ?")
                .param(siren)
                .param(siret)
                .param(contactName)
                .param(now())
                .param(id)
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private CampaignCustomer map(ResultSet rs, int row) throws SQLException {
        return new CampaignCustomer(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getString("customer_id"),
                rs.getString("business_key"),
                rs.getString("company_name"),
                rs.getString("contact_name"),
                rs.getString("email"),
                rs.getString("siren"),
                rs.getString("siret"),
                rs.getString("language"),
                rs.getString("segment"),
                rs.getString("account_manager"),
                fromJson(rs.getString("attributes")),
                CustomerStatus.valueOf(rs.getString("status")),
                rs.getObject("response_deadline", OffsetDateTime.class),
                rs.getBoolean("letter_delivered"),
                rs.getString("process_instance_id"),
                rs.getObject("outcome_at", OffsetDateTime.class),
                rs.getString("outcome_by"),
                rs.getString("country"),
                rs.getBoolean("vat_registered"),
                rs.getBoolean("public_entity"),
                rs.getString("consent_mode") == null ? null : ConsentMode.valueOf(rs.getString("consent_mode")));
    }

    private String toJson(Map<String, String> attributes) {
        try {
            String text = json.writeValueAsString(attributes == null ? Map.of() : attributes);
            return text.length() > 4000 ? text.substring(0, 4000) : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
