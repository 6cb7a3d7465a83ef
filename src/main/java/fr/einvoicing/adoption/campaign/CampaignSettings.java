package fr.einvoicing.adoption.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A campaign's settings: the one shape they have from the creation page and the REST API to the
 * {@code campaign} table, the letters and the pages. Each component is a column of the same name in
 * snake case ({@link Campaigns} stores and reads them by name), so that a new setting is a component
 * here, a field of {@link CampaignForm} and a column in a migration. Local date-times are read in
 * {@code deadlineZone}.
 *
 * <p>As given, supplier fields may be empty (the deployment's defaults, {@code campaign.supplier.*}),
 * and no issuer size means SME, no letter template {@code standard}; a stored campaign's settings have
 * those filled in ({@link #resolved}).
 */
@Schema(
        name = "NewCampaign",
        description = "A campaign's settings. Supplier fields left empty take the deployment's defaults"
                + " (campaign.supplier.*).")
public record CampaignSettings(
        @Schema(description = "The campaign's code, in business keys and links: 2 to 40 letters, digits, '-' or '_'")
                @NotBlank
                @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{1,39}", message = "{formError.code.pattern}")
                String code,
        @Schema(description = "The campaign's name, in the letter's subject") @NotBlank @Size(max = 200) String name,
        @Schema(description = "fr or en: the letter's language for customers whose file gives none")
                @NotNull
                @Pattern(regexp = "fr|en", message = "{formError.language}")
                String defaultLanguage,
        @Schema(description = "Local date-time of the response deadline, in deadlineZone") @NotNull
                LocalDateTime responseDeadline,
        @Schema(description = "IANA time zone of the deadline, e.g. Europe/Paris") @NotBlank String deadlineZone,
        @Schema(description = "ISO-8601 duration before the deadline for the one reminder (P7D); empty: none")
                Duration reminderBefore,
        @Schema(description = "Whether silence by the deadline counts as acceptance (for delivered letters)")
                boolean silenceMeansAcceptance,
        @Schema(description = "The date of the first electronic invoice, named in the letter")
                LocalDate firstEinvoiceDate,
        @Schema(description = "The first webinar session (local date-time), named in the letter")
                LocalDateTime webinarAt,
        @Schema(description = "Where the webinar takes place") @Size(max = 500) String webinarUrl,
        @Schema(description = "The frequently-asked-questions page linked from the letter") @Size(max = 500)
                String faqUrl,
        @Schema(description = "Whether the letter links to the tax administration's e-invoicing FAQ")
                boolean showTaxFaq,
        @Schema(description = "The person customers can call or write to") @NotBlank @Size(max = 200)
                String contactName,
        @Schema(description = "Their e-mail address") @NotBlank @Email @Size(max = 320) String contactEmail,
        @Schema(description = "Their phone number") @Size(max = 40) String contactPhone,
        @Schema(description = "The version of the terms and conditions customers validate") @Size(max = 40)
                String termsVersion,
        @Schema(description = "Where those terms can be read") @Size(max = 500) String termsUrl,
        @Schema(description = "When the campaign speaks for another entity: its legal name") @Size(max = 200)
                String supplierLegalName,
        @Schema(description = "Its SIREN (9 digits)") @Size(max = 9) String supplierSiren,
        @Schema(description = "Its address") @Size(max = 300) String supplierAddress,
        @Schema(description = "Its IBAN") @Size(max = 34) String supplierIban,
        @Schema(description = "Its BIC") @Size(max = 11) String supplierBic,
        @Schema(description = "Its phone number") @Size(max = 40) String supplierPhone,
        @Schema(
                        description =
                                "Other webinar sessions customers may choose (kept in webinar_session, not read back here)")
                @Size(max = 20)
                List<LocalDateTime> moreWebinarSessions,
        @Schema(description = "Sending throttle, 1 to 1000000 letters an hour; empty: the deployment's default")
                @Min(1)
                @Max(1000000)
                Integer lettersPerHour,
        @Schema(
                        description =
                                "Our size category (LARGE, MID_SIZE, SME, MICRO), an input of the consent decision; default SME")
                IssuerSize issuerSize,
        @Schema(description = "The letter's template set: standard (default) or short") @Size(max = 40)
                String letterTemplate) {

    /** The person customers can call or write to. */
    public record Contact(String name, String email, String phone) {}

    /** Our own company, as customers should know it (never changed from the response page). */
    public record Supplier(String legalName, String siren, String address, String iban, String bic, String phone) {

        /** The IBAN in blocks of four, as people read and compare it. */
        public String ibanForReading() {
            if (iban == null) {
                return null;
            }
            String compact = iban.replaceAll("\\s", "");
            return compact.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    /**
     * The settings as stored: texts trimmed and blanks made null, empty supplier fields taken from the
     * deployment's {@code defaults}, SME and the standard letter when none is given.
     */
    public CampaignSettings resolved(Supplier defaults) {
        return new CampaignSettings(
                code,
                name,
                defaultLanguage,
                responseDeadline,
                deadlineZone,
                reminderBefore,
                silenceMeansAcceptance,
                firstEinvoiceDate,
                webinarAt,
                blankToNull(webinarUrl),
                blankToNull(faqUrl),
                showTaxFaq,
                contactName,
                contactEmail,
                blankToNull(contactPhone),
                blankToNull(termsVersion),
                blankToNull(termsUrl),
                orDefault(supplierLegalName, defaults.legalName()),
                orDefault(supplierSiren, defaults.siren()),
                orDefault(supplierAddress, defaults.address()),
                orDefault(supplierIban, defaults.iban()),
                orDefault(supplierBic, defaults.bic()),
                orDefault(supplierPhone, defaults.phone()),
                moreWebinarSessions,
                lettersPerHour,
                issuerSize == null ? IssuerSize.SME : issuerSize,
                blankToNull(letterTemplate) == null ? LetterTemplateSets.DEFAULT : letterTemplate.trim());
    }

    public ZoneId zone() {
        return ZoneId.of(deadlineZone);
    }

    /** The response deadline, in the campaign's zone. */
    public ZonedDateTime deadline() {
        return responseDeadline.atZone(zone());
    }

    /** The first webinar session in the campaign's zone; null for none. */
    public ZonedDateTime webinar() {
        return webinarAt == null ? null : webinarAt.atZone(zone());
    }

    public Contact contact() {
        return new Contact(contactName, contactEmail, contactPhone);
    }

    public Supplier supplier() {
        return new Supplier(
                supplierLegalName, supplierSiren, supplierAddress, supplierIban, supplierBic, supplierPhone);
    }

    /** Every webinar session given: the main one first, then the others, without repeats. */
    public List<LocalDateTime> webinarSessions() {
        LinkedHashSet<LocalDateTime> all = new LinkedHashSet<>();
        if (webinarAt != null) {
            all.add(webinarAt);
        }
        if (moreWebinarSessions != null) {
            moreWebinarSessions.stream().filter(Objects::nonNull).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** The reminder offset as people say it: "7 days", "12 hours", "90 minutes". */
    public String reminderBeforeText() {
        if (reminderBefore == null) {
            return "";
        }
        long minutes = reminderBefore.toMinutes();
        if (minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days + (days == 1 ? " day" : " days");
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static String orDefault(String value, String fallback) {
        String v = blankToNull(value);
        return v != null ? v : blankToNull(fallback);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
