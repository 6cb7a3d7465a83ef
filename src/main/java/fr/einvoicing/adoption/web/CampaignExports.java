package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.report.CampaignDashboard;
import fr.einvoicing.adoption.report.CsvCells;

/**
 * CSV exports of what the campaign page shows: the customers with their status and answer, the
 * rejected rows of the file, and the figures. UTF-8 with a BOM and ';' (what French spreadsheets
 * open directly); streamed row by row, whatever the campaign's size; safe against formula injection.
 * The customers and rejected-rows files keep the import file's column names and the status codes
 * (a file to process or import again); the figures are for people, in the page's language.
 */
@Controller
@RequestMapping("/campaigns/{code}/export")
public class CampaignExports {

    private static final CSVFormat FORMAT =
            CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').get();

    private final Campaigns campaigns;
    private final JdbcTemplate jdbc;
    private final CampaignDashboard dashboard;
    private final MessageSource messages;

    public CampaignExports(
            Campaigns campaigns, JdbcTemplate jdbc, CampaignDashboard dashboard, MessageSource messages) {
        this.messages = messages;
        this.campaigns = campaigns;
        this.jdbc = jdbc;
        this.dashboard = dashboard;
    }

    @GetMapping("/customers.csv")
    public void customers(@PathVariable String code, HttpServletResponse response) throws IOException {
        Campaign campaign = find(code);
        try (CSVPrinter csv = open(response, code + "-customers.csv")) {
            csv.printRecord(
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
                        try {
                            Object[] row = new Object[rs.getMetaData().getColumnCount()];
                            for (int i = 0; i < row.length; i++) {
                                Object value = rs.getObject(i + 1);
                                row[i] = value instanceof String s ? CsvCells.safe(s) : value;
                            }
                            csv.printRecord(row);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    campaign.id());
        }
    }

    @GetMapping("/import-problems.csv")
    public void importProblems(@PathVariable String code, HttpServletResponse response) throws IOException {
        Campaign campaign = find(code);
        try (CSVPrinter csv = open(response, code + "-import-problems.csv")) {
            csv.printRecord("line_number", "customer_id", "reason", "reason_code");
            jdbc.query(
                    "select line_number, customer_id, reason, reason_code from customer_import_problem"
                            + " where campaign_id = ? order by line_number",
                    rs -> {
                        try {
                            csv.printRecord(
                                    rs.getLong(1),
                                    CsvCells.safe(rs.getString(2)),
                                    CsvCells.safe(rs.getString(3)),
                                    rs.getString(4));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    campaign.id());
        }
    }

    @GetMapping("/figures.csv")
    public void figures(@PathVariable String code, HttpServletResponse response) throws IOException {
        Campaign campaign = find(code);
        var view = dashboard.of(campaign);
        try (CSVPrinter csv = open(response, code + "-figures.csv")) {
            Locale locale = LocaleContextHolder.getLocale();
            csv.printRecord(
                    text("figures.section", locale),
                    text("figures.label", locale),
                    text("figures.value", locale),
                    text("figures.overdue", locale));
            String funnel = text("detail.funnel", locale);
            for (var bar : view.funnel()) {
                csv.printRecord(funnel, text("funnel." + bar.label(), locale), bar.value(), "");
            }
            for (var e : view.breakdowns().entrySet()) {
                String section = text("breakdown." + e.getKey(), locale);
                for (var bar : e.getValue()) {
                    String label = messages.getMessage("answer." + bar.label(), null, bar.label(), locale);
                    csv.printRecord(section, CsvCells.safe(label), bar.value(), "");
                }
            }
            String byDay = text("figures.answersByDay", locale);
            for (var day : view.evolution()) {
                csv.printRecord(byDay, day.day(), day.answers(), "");
            }
            String tasks = text("detail.tasks", locale);
            for (var t : view.tasks()) {
                csv.printRecord(tasks, t.group(), t.open(), t.overdue());
            }
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private CSVPrinter open(HttpServletResponse response, String fileName) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        return new CSVPrinter(writer, FORMAT);
    }

    private Campaign find(String code) {
        return campaigns
                .findByCode(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + code));
    }
}
