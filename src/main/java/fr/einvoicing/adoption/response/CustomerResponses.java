package fr.einvoicing.adoption.response;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Every answer customers submitted. Rows are added and routed, never deleted. */
@Repository
public class CustomerResponses {

    private final JdbcClient jdbc;
    private final Clock clock;

    public CustomerResponses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who sent the answer, as seen by the server. */
    public record Origin(String clientAddress, String userAgent) {}

    public long insert(CustomerAnswer a, Origin origin) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer_response (campaign_customer_id, received_at, decision, refusal_reason,"
                        + " refusal_comment, uses_supplier_tool, supplier_tool, supplier_tool_other, wanted_format,"
                        + " delivery_mode, siren, siret, invoicing_contact_name, invoicing_contact_email, terms_version,"
                        + " language, client_address, user_agent, answer_hash, in_time, routing)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .param(a.customerRef())
                .param(a.receivedAt().withOffsetSameInstant(ZoneOffset.UTC))
                .param(a.decision())
                .param(a.refusalReason())
                .param(a.refusalComment())
                .param(a.usesSupplierTool())
                .param(a.supplierTool())
                .param(a.supplierToolOther())
                .param(a.wantedFormat())
                .param(a.deliveryMode())
                .param(a.siren())
                .param(a.siret())
                .param(a.invoicingContactName())
                .param(a.invoicingContactEmail())
                .param(a.termsVersion())
                .param(a.language())
                .param(truncate(origin.clientAddress(), 64))
                .param(truncate(origin.userAgent(), 500))
                .param(a.answerHash())
                .param(a.inTime())
                .param(a.routing().name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public CustomerAnswer get(long id) {
        return jdbc.sql("select * from customer_response where id = ?")
                .param(id)
                .query(this::map)
                .single();
    }

    public List<CustomerAnswer> ofCustomer(long customerRef) {
        return jdbc.sql("select * from customer_response where campaign_customer_id = ? order by id")
                .param(customerRef)
                .query(this::map)
                .list();
    }

    public List<Long> pending(int limit) {
        return jdbc.sql(
                        "select id from customer_response where routing = 'PENDING' order by id fetch first ? rows only")
                .param(limit)
                .query(Long.class)
                .list();
    }

    /** The first answer given in time and not yet delivered to the journey, if any. */
    public Optional<CustomerAnswer> pendingInTime(long customerRef) {
        return jdbc.sql("select * from customer_response where campaign_customer_id = ? and routing = 'PENDING'"
                        + " and in_time = true order by id fetch first 1 rows only")
                .param(customerRef)
                .query(this::map)
                .optional();
    }

    /** Moves an answer out of PENDING, once. */
    public boolean route(long id, CustomerAnswer.Routing routing) {
        return jdbc.sql("update customer_response set routing = ?, routed_at = ? where id = ? and routing = 'PENDING'")
                        .param(routing.name())
                        .param(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .param(id)
                        .update()
                == 1;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private CustomerAnswer map(ResultSet rs, int row) throws SQLException {
        Boolean usesTool = rs.getObject("uses_supplier_tool", Boolean.class);
        return new CustomerAnswer(
                rs.getLong("id"),
                rs.getLong("campaign_customer_id"),
                rs.getObject("received_at", OffsetDateTime.class),
                rs.getString("decision"),
                rs.getString("refusal_reason"),
                rs.getString("refusal_comment"),
                usesTool,
                rs.getString("supplier_tool"),
                rs.getString("supplier_tool_other"),
                rs.getString("wanted_format"),
                rs.getString("delivery_mode"),
                rs.getString("siren"),
                rs.getString("siret"),
                rs.getString("invoicing_contact_name"),
                rs.getString("invoicing_contact_email"),
                rs.getString("terms_version"),
                rs.getString("language"),
                rs.getString("answer_hash"),
                rs.getBoolean("in_time"),
                CustomerAnswer.Routing.valueOf(rs.getString("routing")));
    }
}
