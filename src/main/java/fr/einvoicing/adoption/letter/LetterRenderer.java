package fr.einvoicing.adoption.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;

/**
 * Renders letters and reminders from the templates in {@code templates/letters/<set>/}, one per kind
 * and language; the campaign chooses the set, and a set without a kind borrows the standard one.
 * A template's version is its path plus the start of its SHA-256: editing a template changes
 * the version recorded with every letter rendered from it, with nobody having to remember to.
 */
@Component
public class LetterRenderer {

    private static final String TEMPLATE_FOLDER = "letters/";

    private final ITemplateEngine templates;
    private final CampaignProperties properties;
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    /** Which template file each kind, set and language renders from: looked up on the classpath once. */
    private final Map<String, String> templateFiles = new ConcurrentHashMap<>();

    public LetterRenderer(ITemplateEngine templates, CampaignProperties properties) {
        this.templates = templates;
        this.properties = properties;
    }

    /** A letter as text, before it is stored. */
    public record Rendered(String templateVersion, String subject, String html, String plainText) {}

    public Rendered render(LetterKind kind, Campaign stored, CampaignCustomer customer, ZonedDateTime deadline) {
        String language = "en".equals(customer.language()) ? "en" : "fr";
        CampaignSettings campaign = stored.settings();
        LetterView view = view(kind, campaign, customer, deadline, language);
        String template = templateFiles.computeIfAbsent(
                kind + "/" + campaign.letterTemplate() + "/" + language,
                key -> templateName(kind, campaign.letterTemplate(), language));
        Context context = new Context(Locale.forLanguageTag(language));
        context.setVariable("letter", view);
        String html = templates.process(TEMPLATE_FOLDER + template, context);
        return new Rendered(version(template), view.subject(), html, HtmlToText.convert(html));
    }

    LetterView view(
            LetterKind kind,
            CampaignSettings campaign,
            CampaignCustomer customer,
            ZonedDateTime deadline,
            String language) {
        boolean french = language.equals("fr");
        Locale locale = french ? Locale.FRENCH : Locale.UK;
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern(
                french ? "EEEE d MMMM yyyy 'à' HH'h'mm" : "EEEE d MMMM yyyy 'at' HH:mm", locale);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        ZonedDateTime localDeadline = deadline.withZoneSameInstant(campaign.zone());
        String deadlineText =
                dateTime.format(localDeadline) + " (" + campaign.zone().getId() + ")";
        String shortDeadline = date.format(localDeadline);
        var supplier = campaign.supplier();
        String subject =
                switch (kind) {
                    case LETTER ->
                        french
                                ? "Vos factures " + supplier.legalName()
                                        + " passent à la facture électronique : votre réponse avant le " + shortDeadline
                                : "Your invoices from " + supplier.legalName()
                                        + " are going electronic: please answer by " + shortDeadline;
                    case REMINDER ->
                        french
                                ? "Rappel : votre réponse sur la facture électronique avant le " + shortDeadline
                                : "Reminder: your answer on e-invoicing by " + shortDeadline;
                    case INFORMATION ->
                        french
                                ? "Vos factures " + supplier.legalName()
                                        + " deviennent électroniques : vos informations de facturation avant le "
                                        + shortDeadline
                                : "Your invoices from " + supplier.legalName()
                                        + " are going electronic: your invoicing details by " + shortDeadline;
                };
        return new LetterView(
                campaign,
                language,
                subject,
                customer.companyName(),
                customer.contactName(),
                supplier.legalName(),
                supplier.siren(),
                CompanyIdentifiers.isValidSiren(supplier.siren())
                        ? CompanyIdentifiers.vatNumber(supplier.siren())
                        : null,
                supplier.address(),
                supplier.phone(),
                deadlineText,
                campaign.firstEinvoiceDate() == null ? null : date.format(campaign.firstEinvoiceDate()),
                campaign.webinar() == null ? null : dateTime.format(campaign.webinar()),
                campaign.showTaxFaq() ? properties.taxFaqUrl() : null,
                Letter.PERSONAL_LINK,
                false);
    }

    /** {@code <set>/<kind>_<language>}, or the standard set's when the chosen set has no such template. */
    static String templateName(LetterKind kind, String set, String language) {
        String file = kind.templatePrefix() + "_" + language;
        String chosen = set == null ? LetterTemplates.STANDARD : set;
        if (!chosen.equals(LetterTemplates.STANDARD)
                && new ClassPathResource("templates/" + TEMPLATE_FOLDER + chosen + "/" + file + ".html").exists()) {
            return chosen + "/" + file;
        }
        return LetterTemplates.STANDARD + "/" + file;
    }

    private String version(String template) {
        return versions.computeIfAbsent(template, name -> {
            var resource = new ClassPathResource("templates/" + TEMPLATE_FOLDER + name + ".html");
            try (InputStream in = resource.getInputStream()) {
                String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return name + "@" + EvidenceLog.sha256(content).substring(0, 12);
            } catch (IOException e) {
                throw new UncheckedIOException("Letter template " + name + " is missing", e);
            }
        });
    }
}
