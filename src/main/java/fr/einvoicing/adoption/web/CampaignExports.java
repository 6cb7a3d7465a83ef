package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.report.CampaignDashboard;
import fr.einvoicing.adoption.report.CampaignExportRows;
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
    private final CampaignExportRows rows;
    private final CampaignDashboard dashboard;
    private final MessageSource messages;

    public CampaignExports(
            Campaigns campaigns, CampaignExportRows rows, CampaignDashboard dashboard, MessageSource messages) {
        this.messages = messages;
        this.campaigns = campaigns;
        this.rows = rows;
        this.dashboard = dashboard;
    }

    @GetMapping("/customers.csv")
    public void customers(@PathVariable String code, HttpServletResponse response) throws IOException {
        Campaign campaign = find(code);
        try (CSVPrinter csv = open(response, code + "-customers.csv")) {
            csv.printRecord(CampaignExportRows.CUSTOMER_COLUMNS);
            rows.customers(campaign.id(), row -> print(csv, row));
        }
    }

    @GetMapping("/import-problems.csv")
    public void importProblems(@PathVariable String code, HttpServletResponse response) throws IOException {
        Campaign campaign = find(code);
        try (CSVPrinter csv = open(response, code + "-import-problems.csv")) {
            csv.printRecord(CampaignExportRows.IMPORT_PROBLEM_COLUMNS);
            rows.importProblems(campaign.id(), row -> print(csv, row));
        }
    }

    /** A row, every text made safe for spreadsheets (no formula). */
    private static void print(CSVPrinter csv, List<Object> row) {
        try {
            csv.printRecord(row.stream()
                    .map(value -> value instanceof String text ? CsvCells.safe(text) : value)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
