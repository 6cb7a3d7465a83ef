package fr.einvoicing.adoption.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import fr.einvoicing.adoption.consent.EvidenceEntry;
import fr.einvoicing.adoption.letter.Letter;
import fr.einvoicing.adoption.letter.PdfRenderer;

/**
 * A customer's evidence pack: one ZIP that a lawyer or an auditor can read without the application.
 * The letters are the exact text that was hashed (the personal link stays a placeholder: it was
 * never stored), with a PDF rendering of each; the chain can be re-verified from evidence.csv.
 */
@Component
public class EvidencePackExporter {

    private final PdfRenderer pdf;
    private final ObjectMapper json;
    private final Clock clock;

    public EvidencePackExporter(PdfRenderer pdf, ObjectMapper json, Clock clock) {
        this.pdf = pdf;
        this.json = json.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.clock = clock;
    }

    public static String fileName(CustomerDossier dossier) {
        return "evidence-" + safe(dossier.campaign().code()) + "-"
                + safe(dossier.customer().customerId()) + ".zip";
    }

    public void write(CustomerDossier dossier, String exportedBy, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, "README.txt", readme(dossier, exportedBy).getBytes(StandardCharsets.UTF_8));
            put(zip, "customer.json", json.writeValueAsBytes(customerSummary(dossier)));
            put(zip, "evidence.json", json.writeValueAsBytes(dossier.evidence()));
            zip.putNextEntry(new ZipEntry("evidence.csv"));
            Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(
                    writer,
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader(
                                    "seq",
                                    "occurred_at",
                                    "type",
                                    "actor",
                                    "summary",
                                    "details",
                                    "previous_hash",
                                    "entry_hash")
                            .get());
            for (EvidenceEntry e : dossier.evidence()) {
                csv.printRecord(
                        e.seq(),
                        e.occurredAt(),
                        e.type(),
                        e.actor(),
                        e.summary(),
                        e.details(),
                        e.previousHash(),
                        e.entryHash());
            }
            csv.flush();
            zip.closeEntry();
            put(zip, "answers.json", json.writeValueAsBytes(dossier.answers()));
            for (Letter letter : dossier.letters()) {
                String base =
                        "letters/" + letter.id() + "-" + letter.kind().name().toLowerCase();
                put(zip, base + ".html", letter.html().getBytes(StandardCharsets.UTF_8));
                put(zip, base + ".pdf", pdf.render(letter.htmlWithLink("[personal link: not kept, by design]")));
            }
        }
    }

    private Map<String, Object> customerSummary(CustomerDossier d) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("campaign", d.campaign().code());
        summary.put("campaignName", d.campaign().name());
        summary.put("customerId", d.customer().customerId());
        summary.put("companyName", d.customer().companyName());
        summary.put("email", d.customer().email());
        summary.put("siren", d.customer().siren());
        summary.put("siret", d.customer().siret());
        summary.put("status", d.customer().status());
        summary.put("outcomeAt", d.customer().outcomeAt());
        summary.put("outcomeBy", d.customer().outcomeBy());
        summary.put("responseDeadline", d.customer().responseDeadline());
        summary.put("silenceMeansAcceptance", d.campaign().settings().silenceMeansAcceptance());
        summary.put("termsVersion", d.campaign().settings().termsVersion());
        summary.put("chainIntact", d.verification().intact());
        summary.put("chainProblem", d.verification().problem());
        return summary;
    }

    private String readme(CustomerDossier d, String exportedBy) {
        List<String> lines = List.of(
                "Evidence pack",
                "=============",
                "Campaign: " + d.campaign().code() + " (" + d.campaign().name() + ")",
                "Customer: " + d.customer().customerId() + " - " + d.customer().companyName(),
                "Outcome:  " + d.customer().status()
                        + (d.customer().outcomeBy() == null
                                ? ""
                                : " by " + d.customer().outcomeBy()),
                "Exported: " + Instant.now(clock) + " by " + exportedBy,
                "",
                "Evidence chain: "
                        + (d.verification().intact()
                                ? "INTACT (" + d.verification().entries() + " entries)"
                                : "BROKEN at entry " + d.verification().firstBrokenSeq() + ": "
                                        + d.verification().problem()),
                "",
                "Files",
                "- evidence.csv / evidence.json: every recorded step, oldest first.",
                "- answers.json: every answer the customer submitted, with time, address and user agent.",
                "- letters/*.html: each letter exactly as rendered; its SHA-256 is the content hash in the evidence.",
                "- letters/*.pdf: a rendering of the same letter. The personal link is a placeholder: links are",
                "  never stored, only a hash of them, so that nobody can answer in the customer's name.",
                "",
                "How to verify the chain",
                "Each entry_hash is the SHA-256 (hex) of the UTF-8 text made of these fields joined by the",
                "unit separator character (U+001F): previous_hash, seq, occurred_at (ISO-8601 instant, UTC),",
                "type, actor, summary, details. The first entry's previous_hash is 64 zeros; each next entry's",
                "previous_hash is the entry_hash before it. Changing or removing any entry breaks the chain.",
                "The SHA-256 of each letters/*.html file equals the contentHash of its LETTER_RENDERED entry.");
        return String.join("\n", lines) + "\n";
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String safe(String value) {
        return value.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
