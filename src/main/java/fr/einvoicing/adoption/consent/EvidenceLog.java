package fr.einvoicing.adoption.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import fr.einvoicing.adoption.customer.CampaignCustomers;

/**
 * The append-only evidence of each customer. Every entry carries the hash of the previous one, so
 * that changing or removing any entry breaks the chain from there on; {@link #verify} tells where.
 * Nothing in the application updates or deletes an entry, and PostgreSQL refuses it by trigger.
 */
@Component
public class EvidenceLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final CampaignCustomers customers;
    private final Clock clock;
    private final ObjectMapper canonicalJson;
    private final ApplicationEventPublisher events;

    public EvidenceLog(
            JdbcClient jdbc,
            CampaignCustomers customers,
            Clock clock,
            ObjectMapper json,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.customers = customers;
        this.clock = clock;
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** Appends within the caller's transaction (or a new one when there is none). */
    @Transactional(propagation = Propagation.REQUIRED)
    public EvidenceEntry append(
            long customerRef, EvidenceType type, String actor, String summary, Map<String, ?> details) {
        customers.lock(customerRef);
        var last = jdbc.sql("select seq, entry_hash from evidence_entry where campaign_customer_id = ?"
                        + " order by seq desc fetch first 1 rows only")
                .param(customerRef)
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .optional();
        int seq = last.map(e -> e.getKey() + 1).orElse(1);
        String previousHash = last.map(Map.Entry::getValue).orElse(GENESIS);
        OffsetDateTime occurredAt =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String detailsJson = canonical(details);
        String safeSummary = summary.length() > 500 ? summary.substring(0, 500) : summary;
        String hash = hash(previousHash, seq, occurredAt, type.name(), actor, safeSummary, detailsJson);
        jdbc.sql("insert into evidence_entry (campaign_customer_id, seq, occurred_at, type, actor, summary, details,"
                        + " previous_hash, entry_hash) values (?,?,?,?,?,?,?,?,?)")
                .param(customerRef)
                .param(seq)
                .param(occurredAt)
                .param(type.name())
                .param(actor)
                .param(safeSummary)
                .param(detailsJson)
                .param(previousHash)
                .param(hash)
                .update();
        events.publishEvent(new EvidenceRecorded(type));
        return new EvidenceEntry(
                0, customerRef, seq, occurredAt, type, actor, safeSummary, detailsJson, previousHash, hash);
    }

    public List<EvidenceEntry> entries(long customerRef) {
        return jdbc.sql("select * from evidence_entry where campaign_customer_id = ? order by seq")
                .param(customerRef)
                .query(this::map)
                .list();
    }

    /** Result of re-computing a chain. */
    public record Verification(boolean intact, int entries, Integer firstBrokenSeq, String problem) {}

    public Verification verify(long customerRef) {
        return verify(entries(customerRef));
    }

    public static Verification verify(List<EvidenceEntry> entries) {
        String previous = GENESIS;
        int expectedSeq = 1;
        for (EvidenceEntry entry : entries) {
            if (entry.seq() != expectedSeq) {
                return new Verification(false, entries.size(), entry.seq(), "entry " + expectedSeq + " is missing");
            }
            if (!entry.previousHash().equals(previous)) {
                return new Verification(
                        false,
                        entries.size(),
                        entry.seq(),
                        "entry " + entry.seq() + " does not follow entry " + (entry.seq() - 1));
            }
            String recomputed = hash(
                    entry.previousHash(),
                    entry.seq(),
                    entry.occurredAt().withOffsetSameInstant(ZoneOffset.UTC),
                    entry.type().name(),
                    entry.actor(),
                    entry.summary(),
                    entry.details());
            if (!recomputed.equals(entry.entryHash())) {
                return new Verification(
                        false,
                        entries.size(),
                        entry.seq(),
                        "entry " + entry.seq() + " was changed after it was written");
            }
            previous = entry.entryHash();
            expectedSeq++;
        }
        return new Verification(true, entries.size(), null, null);
    }

    /** SHA-256 over the fields, separated so that no two different entries give the same input. */
    static String hash(
            String previousHash,
            int seq,
            OffsetDateTime occurredAt,
            String type,
            String actor,
            String summary,
            String details) {
        String input = String.join(
                "\u001f",
                previousHash,
                Integer.toString(seq),
                DateTimeFormatter.ISO_INSTANT.format(occurredAt.toInstant()),
                type,
                actor,
                summary,
                details);
        return sha256(input);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String canonical(Map<String, ?> details) {
        try {
            return canonicalJson.writeValueAsString(details == null ? Map.of() : new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence details must be serialisable", e);
        }
    }

    private EvidenceEntry map(ResultSet rs, int row) throws SQLException {
        return new EvidenceEntry(
                rs.getLong("id"),
                rs.getLong("campaign_customer_id"),
                rs.getInt("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class),
                EvidenceType.valueOf(rs.getString("type")),
                rs.getString("actor"),
                rs.getString("summary"),
                rs.getString("details"),
                rs.getString("previous_hash"),
                rs.getString("entry_hash"));
    }
}
