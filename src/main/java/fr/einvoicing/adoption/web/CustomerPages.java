package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

import fr.einvoicing.adoption.letter.Letter;
import fr.einvoicing.adoption.letter.PrintableLetters;
import fr.einvoicing.adoption.report.CustomerDossier;
import fr.einvoicing.adoption.report.CustomerDossiers;
import fr.einvoicing.adoption.report.EvidencePackExporter;

/** One customer of a campaign: status, letters, answers, evidence; evidence pack and printable letter. */
@Controller
@RequestMapping("/campaigns/{code}/customers/{customerId}")
public class CustomerPages {

    private final CustomerDossiers dossiers;
    private final EvidencePackExporter packs;
    private final PrintableLetters printable;

    public CustomerPages(CustomerDossiers dossiers, EvidencePackExporter packs, PrintableLetters printable) {
        this.dossiers = dossiers;
        this.packs = packs;
        this.printable = printable;
    }

    @GetMapping
    public String customer(@PathVariable String code, @PathVariable String customerId, Model model) {
        model.addAttribute("d", dossier(code, customerId));
        return "campaigns/customer";
    }

    @GetMapping(value = "/letters/{letterId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> letter(
            @PathVariable String code, @PathVariable String customerId, @PathVariable long letterId) {
        Letter letter = dossier(code, customerId).letters().stream()
                .filter(l -> l.id() == letterId)
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
                .contentType(MediaType.TEXT_HTML)
                .body(letter.html());
    }

    @GetMapping("/evidence-pack")
    public void evidencePack(
            @PathVariable String code, @PathVariable String customerId, Principal user, HttpServletResponse response)
            throws IOException {
        CustomerDossier dossier = dossier(code, customerId);
        response.setContentType("application/zip");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(EvidencePackExporter.fileName(dossier))
                        .build()
                        .toString());
        packs.write(dossier, user.getName(), response.getOutputStream());
    }

    @GetMapping("/printable-letter")
    public ResponseEntity<byte[]> printableLetter(@PathVariable String code, @PathVariable String customerId) {
        CustomerDossier dossier = dossier(code, customerId);
        if (dossier.letters().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "No letter was prepared for this customer yet");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("letter-" + code + "-" + customerId + ".pdf")
                                .build()
                                .toString())
                .body(printable.printable(dossier.customer().id()));
    }

    private CustomerDossier dossier(String code, String customerId) {
        return dossiers.load(code, customerId)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such customer in this campaign"));
    }
}
