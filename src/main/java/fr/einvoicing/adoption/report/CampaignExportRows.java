package fr.einvoicing.adoption.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a campaign's customer and rejected-rows exports hold, row by row from the database (streamed,
 * whatever the campaign's size). The columns keep the import file's names and the status codes, so that
 * the file can be processed or imported again; the web layer only writes them out.
 */
@Component
public class CampaignExportRows {

    /** One column per customer fact, the customer's latest answer included. */
    public static final List<String> CUSTOMER_COLUMNS = List.of(
            "customer_id",
            "company_name",
            "contact_name",
            "email",
            "segment",
            "account_manager",
            "status",
            "letter_delivered",
            "response_deadline",
            "outcome_at",
            "outcome_by",
            "answered_at",
            "decision",
            "refusal_reason",
            "refusal_comment",
            "supplier_tool",
            "wanted_format",
            "delivery_mode",
            "siren_given",
            "siret_given",
            "terms_version",
            "country",
            "vat_registered",
            "public_entity",
            "consent_mode",
            "consent_basis");

    public static final List<String> IMPORT_PROBLEM_COLUMNS =
            List.of("line_number", "customer_id", "reason", "reason_code");

    private final JdbcTemplate jdbc;

    public CampaignExportRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every customer of the campaign in import order, with their latest answer, as {@link #CUSTOMER_COLUMNS}. */
    public void customers(long campaignId, Consumer<List<Object>> row) {
        jdbc.query(
                """
                select c.customer_id, c.company_name, c.contact_name, c.email, c.segment, c.account_manager, c.status,
                       c.letter_delivered, c.response_deadline, c.outcome_at, c.outcome_by, r.received_at, r.decision,
                       r.refusal_reason, r.refusal_comment, coalesce(r.supplier_tool_other, r.supplier_tool),
                       r.wanted_format, r.delivery_mode, r.siren, r.siret, r.terms_version, c.country,
                       c.vat_registered, c.public_entity, c.consent_mode, c.consent_basis
                from campaign_customer c
                left join customer_response r on r.id = (select max(x.id) from customer_response x
                                                          where x.campaign_customer_id = c.id)
                where c.campaign_id = ? order by c.id""",
                rs -> {
                    row.accept(values(rs));
                },
                campaignId);
    }

    /** The file's rejected rows by line number, as {@link #IMPORT_PROBLEM_COLUMNS}. */
    public void importProblems(long campaignId, Consumer<List<Object>> row) {
        jdbc.query(
                "select line_number, customer_id, reason, reason_code from customer_import_problem"
                        + " where campaign_id = ? order by line_number",
                rs -> {
                    row.accept(values(rs));
                },
                campaignId);
    }

    private static List<Object> values(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<Object> values = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            values.add(rs.getObject(i));
        }
        return values;
    }
}
