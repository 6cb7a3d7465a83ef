package fr.einvoicing.adoption.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a manager gives to create a campaign, from the page or the REST API.
 * Supplier fields left empty take the deployment's defaults ({@code campaign.supplier.*}); no issuer size
 * means SME, no letter template means {@code standard}.
 */
public record NewCampaign(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{1,39}", message = "{formError.code.pattern}") String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "fr|en", message = "{formError.language}") String defaultLanguage,
        @NotNull LocalDateTime responseDeadline,
        @NotBlank String deadlineZone,
        Duration reminderBefore,
        boolean silenceMeansAcceptance,
        LocalDate firstEinvoiceDate,
        LocalDateTime webinarAt,
        @Size(max = 500) String webinarUrl,
        @Size(max = 500) String faqUrl,
        boolean showTaxFaq,
        @NotBlank @Size(max = 200) String contactName,
        @NotBlank @Email @Size(max = 320) String contactEmail,
        @Size(max = 40) String contactPhone,
        @Size(max = 40) String termsVersion,
        @Size(max = 500) String termsUrl,
        @Size(max = 200) String supplierLegalName,
        @Size(max = 9) String supplierSiren,
        @Size(max = 300) String supplierAddress,
        @Size(max = 34) String supplierIban,
        @Size(max = 11) String supplierBic,
        @Size(max = 40) String supplierPhone,
        @Size(max = 20) List<LocalDateTime> moreWebinarSessions,
        @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100000) Integer lettersPerHour,
        IssuerSize issuerSize,
        @Size(max = 40) String letterTemplate) {

    /** Every webinar session: the main one first, then the others, without repeats. */
    public List<LocalDateTime> webinarSessions() {
        java.util.LinkedHashSet<LocalDateTime> all = new java.util.LinkedHashSet<>();
        if (webinarAt != null) {
            all.add(webinarAt);
        }
        if (moreWebinarSessions != null) {
            moreWebinarSessions.stream().filter(java.util.Objects::nonNull).forEach(all::add);
        }
        return List.copyOf(all);
    }
}
