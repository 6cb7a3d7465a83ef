package fr.einvoicing.adoption.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A campaign and every setting its letters and deadlines depend on.
 *
 * @param reminderBefore how long before the deadline the (single) reminder goes out; null for none
 * @param issuerSize     our company's size category, an input of the consent-requirement decision
 * @param letterTemplate the set of letter templates the campaign sends ({@code templates/letters/<set>/})
 */
public record Campaign(
        long id,
        String code,
        String name,
        CampaignStatus status,
        String defaultLanguage,
        ZonedDateTime responseDeadline,
        Duration reminderBefore,
        boolean silenceMeansAcceptance,
        LocalDate firstEinvoiceDate,
        ZonedDateTime webinarAt,
        String webinarUrl,
        String faqUrl,
        boolean showTaxFaq,
        Contact contact,
        String termsVersion,
        String termsUrl,
        Supplier supplier,
        String createdBy,
        Instant createdAt,
        IssuerSize issuerSize,
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

    public ZoneId zone() {
        return responseDeadline.getZone();
    }
}
