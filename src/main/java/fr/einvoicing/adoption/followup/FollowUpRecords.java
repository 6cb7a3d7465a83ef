package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a customer did in their follow-ups: terms validated, webinar session chosen, attendance. */
@Repository
public class FollowUpRecords {

    private final JdbcClient jdbc;
    private final Clock clock;

    public FollowUpRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record FollowUp(
            long customerRef,
            OffsetDateTime webinarSessionAt,
            OffsetDateTime webinarChosenAt,
            Boolean webinarAttended,
            String termsVersion,
            OffsetDateTime termsValidatedAt) {}

    public Optional<FollowUp> find(long customerRef) {
        return jdbc.sql(
                        """
                select customer_ref, webinar_session_at, webinar_chosen_at, webinar_attended, terms_version, terms_validated_at
                from follow_up where customer_ref = ?""")
                .param(customerRef)
                .query((rs, i) -> new FollowUp(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class),
                        (Boolean) rs.getObject(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .optional();
    }

    public void termsValidated(long customerRef, String version) {
        upsert(customerRef, "terms_version = ?, terms_validated_at = ?", version, now());
    }

    public void webinarChosen(long customerRef, OffsetDateTime sessionAt) {
        upsert(customerRef, "webinar_session_at = ?, webinar_chosen_at = ?", sessionAt, now());
    }

    public void webinarAttendance(long customerRef, boolean attended) {
        upsert(customerRef, "webinar_attended = ?", attended);
    }

    private void upsert(long customerRef, String assignments, Object... values) {
        jdbc.sql("insert into follow_up (customer_ref, updated_at) select ?, ? where not exists "
                        + "(select 1 from follow_up where customer_ref = ?)")
                .params(customerRef, now(), customerRef)
                .update();
        Object[] params = new Object[values.length + 2];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = now();
        params[values.length + 1] = customerRef;
        jdbc.sql("update follow_up set " + assignments + ", updated_at = ? where customer_ref = ?")
                .params(params)
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
