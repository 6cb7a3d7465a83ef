package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** What the company registry said about a customer, and what the data stewards decided. */
@Repository
public class CompanyChecks {

    private final JdbcClient jdbc;
    private final Clock clock;

    public CompanyChecks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Check(
            long id,
            long customerRef,
            String query,
            boolean found,
            String registrySiren,
            String registrySiret,
            String registryName,
            Boolean companyActive,
            Boolean establishmentActive,
            Boolean nameMatches,
            String outcome,
            String problems) {}

    public long insert(Check c) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                insert into company_check (customer_ref, checked_at, query, found, registry_siren, registry_siret,
                    registry_name, company_active, establishment_active, name_matches, outcome, problems)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        c.customerRef(),
                        now(),
                        c.query(),
                        c.found(),
                        c.registrySiren(),
                        c.registrySiret(),
                        c.registryName(),
                        c.companyActive(),
                        c.establishmentActive(),
                        c.nameMatches(),
                        c.outcome(),
                        c.problems())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<Check> ofCustomer(long customerRef) {
        return jdbc.sql(
                        """
                select id, customer_ref, query, found, registry_siren, registry_siret, registry_name, company_active,
                       establishment_active, name_matches, outcome, problems
                from company_check where customer_ref = ? order by id""")
                .param(customerRef)
                .query((rs, i) -> new Check(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        (Boolean) rs.getObject(8),
                        (Boolean) rs.getObject(9),
                        (Boolean) rs.getObject(10),
                        rs.getString(11),
                        rs.getString(12)))
                .list();
    }

    public void recordReview(
            long customerRef, String decidedBy, String decision, String before, String after, String note) {
        jdbc.sql(
                        """
                insert into master_data_review (customer_ref, decided_at, decided_by, decision, before_values, after_values, note)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(customerRef, now(), decidedBy, decision, before, after, note)
                .update();
    }

    public int reviewCount(long customerRef) {
        return jdbc.sql("select count(*) from master_data_review where customer_ref = ?")
                .param(customerRef)
                .query(Integer.class)
                .single();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
