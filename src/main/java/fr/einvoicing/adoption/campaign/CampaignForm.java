package fr.einvoicing.adoption.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The campaign creation page as typed (all text, so that a wrong value is shown back as typed).
 * The reminder is given as an amount and a unit, which managers read more easily than ISO periods.
 */
public class CampaignForm {

    private String code;
    private String name;
    private String defaultLanguage = "fr";
    private String responseDeadline;
    private String deadlineZone = "Europe/Paris";
    private String reminderAmount = "7";
    private String reminderUnit = "DAYS";
    private boolean silenceMeansAcceptance = true;
    private String firstEinvoiceDate;
    private String webinarAt;
    private String webinarUrl;
    private String moreWebinarSessions;
    private String lettersPerHour;
    private String faqUrl;
    private boolean showTaxFaq = true;
    private String contactName;
    private String contactEmail;
    private String contactPhone;
    private String termsVersion;
    private String termsUrl;
    private String supplierLegalName;
    private String supplierSiren;
    private String supplierAddress;
    private String supplierIban;
    private String supplierBic;
    private String supplierPhone;
    private String issuerSize = IssuerSize.SME.name();
    private String letterTemplate = "standard";

    /**
     * The creation page of a follow-up campaign, pre-filled with the settings of the previous one: a
     * new code and name, a deadline {@code deadline} (to be checked by the manager), the same letter,
     * contact, terms, supplier and throttle. Past webinar sessions and schedule are left out.
     */
    public static CampaignForm followUpOf(CampaignSettings previous, LocalDateTime deadline, LocalDate today) {
        CampaignForm form = new CampaignForm();
        String code = previous.code() + "-R";
        form.code = code.length() > 40 ? code.substring(0, 40) : code;
        form.name = previous.name().length() > 186 ? previous.name() : previous.name() + " (follow-up)";
        form.defaultLanguage = previous.defaultLanguage();
        form.responseDeadline = deadline.toString();
        form.deadlineZone = previous.deadlineZone();
        if (previous.reminderBefore() == null) {
            form.reminderUnit = "NONE";
        } else if (previous.reminderBefore().toMinutes() % (24 * 60) == 0) {
            form.reminderAmount = String.valueOf(previous.reminderBefore().toDays());
            form.reminderUnit = "DAYS";
        } else if (previous.reminderBefore().toMinutes() % 60 == 0) {
            form.reminderAmount = String.valueOf(previous.reminderBefore().toHours());
            form.reminderUnit = "HOURS";
        } else {
            form.reminderAmount = String.valueOf(previous.reminderBefore().toMinutes());
            form.reminderUnit = "MINUTES";
        }
        form.silenceMeansAcceptance = previous.silenceMeansAcceptance();
        form.firstEinvoiceDate = previous.firstEinvoiceDate() == null
                        || !previous.firstEinvoiceDate().isAfter(today)
                ? null
                : previous.firstEinvoiceDate().toString();
        form.webinarUrl = previous.webinarUrl();
        form.faqUrl = previous.faqUrl();
        form.showTaxFaq = previous.showTaxFaq();
        form.contactName = previous.contactName();
        form.contactEmail = previous.contactEmail();
        form.contactPhone = previous.contactPhone();
        form.termsVersion = previous.termsVersion();
        form.termsUrl = previous.termsUrl();
        form.supplierLegalName = previous.supplierLegalName();
        form.supplierSiren = previous.supplierSiren();
        form.supplierAddress = previous.supplierAddress();
        form.supplierIban = previous.supplierIban();
        form.supplierBic = previous.supplierBic();
        form.supplierPhone = previous.supplierPhone();
        form.issuerSize = previous.issuerSize().name();
        form.letterTemplate = previous.letterTemplate();
        form.lettersPerHour = previous.lettersPerHour() == null ? null : String.valueOf(previous.lettersPerHour());
        return form;
    }

    /** Converts to settings; unreadable values are added to {@code errors} under their field. */
    public CampaignSettings toSettings(Map<String, String> errors) {
        return new CampaignSettings(
                code,
                name,
                defaultLanguage,
                dateTime("responseDeadline", responseDeadline, errors, true),
                deadlineZone,
                reminder(errors),
                silenceMeansAcceptance,
                date("firstEinvoiceDate", firstEinvoiceDate, errors),
                dateTime("webinarAt", webinarAt, errors, false),
                webinarUrl,
                faqUrl,
                showTaxFaq,
                contactName,
                contactEmail,
                contactPhone,
                termsVersion,
                termsUrl,
                supplierLegalName,
                supplierSiren,
                supplierAddress,
                supplierIban,
                supplierBic,
                supplierPhone,
                moreSessions(errors),
                lettersPerHour(errors),
                issuerSize(errors),
                letterTemplate == null || letterTemplate.isBlank() ? null : letterTemplate.trim());
    }

    private IssuerSize issuerSize(Map<String, String> errors) {
        if (issuerSize == null || issuerSize.isBlank()) {
            return null;
        }
        try {
            return IssuerSize.valueOf(issuerSize.trim());
        } catch (IllegalArgumentException e) {
            errors.put("issuerSize", "formError.issuerSize");
            return null;
        }
    }

    private Integer lettersPerHour(Map<String, String> errors) {
        if (lettersPerHour == null || lettersPerHour.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(lettersPerHour.trim());
            if (value < 1 || value > 1_000_000) {
                errors.put("lettersPerHour", "formError.lettersPerHour.range");
            }
            return value;
        } catch (NumberFormatException e) {
            errors.put("lettersPerHour", "formError.lettersPerHour.number");
            return null;
        }
    }

    /** Other webinar sessions, one per line (2026-12-10T11:00 or 2026-12-10 11:00). */
    private java.util.List<LocalDateTime> moreSessions(Map<String, String> errors) {
        java.util.List<LocalDateTime> sessions = new java.util.ArrayList<>();
        if (moreWebinarSessions == null) {
            return sessions;
        }
        for (String line : moreWebinarSessions.split("\\R")) {
            String value = line.strip().replace(' ', 'T');
            if (value.isEmpty()) {
                continue;
            }
            try {
                sessions.add(LocalDateTime.parse(value));
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("moreWebinarSessions", "formError.webinarLine");
            }
        }
        return sessions;
    }

    private Duration reminder(Map<String, String> errors) {
        if (reminderAmount == null || reminderAmount.isBlank() || "NONE".equals(reminderUnit)) {
            return null;
        }
        try {
            long amount = Long.parseLong(reminderAmount.trim());
            if (amount <= 0) {
                errors.put("reminderAmount", "formError.reminder.positive");
                return null;
            }
            return switch (reminderUnit == null ? "DAYS" : reminderUnit) {
                case "MINUTES" -> Duration.ofMinutes(amount);
                case "HOURS" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException e) {
            errors.put("reminderAmount", "formError.reminder.number");
            return null;
        }
    }

    private static LocalDateTime dateTime(String field, String value, Map<String, String> errors, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.put(field, "formError.required");
            }
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "formError.dateTime");
            return null;
        }
    }

    private static LocalDate date(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "formError.date");
            return null;
        }
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDefaultLanguage() {
        return defaultLanguage;
    }

    public void setDefaultLanguage(String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    public String getResponseDeadline() {
        return responseDeadline;
    }

    public void setResponseDeadline(String responseDeadline) {
        this.responseDeadline = responseDeadline;
    }

    public String getDeadlineZone() {
        return deadlineZone;
    }

    public void setDeadlineZone(String deadlineZone) {
        this.deadlineZone = deadlineZone;
    }

    public String getReminderAmount() {
        return reminderAmount;
    }

    public void setReminderAmount(String reminderAmount) {
        this.reminderAmount = reminderAmount;
    }

    public String getReminderUnit() {
        return reminderUnit;
    }

    public void setReminderUnit(String reminderUnit) {
        this.reminderUnit = reminderUnit;
    }

    public boolean isSilenceMeansAcceptance() {
        return silenceMeansAcceptance;
    }

    public void setSilenceMeansAcceptance(boolean silenceMeansAcceptance) {
        this.silenceMeansAcceptance = silenceMeansAcceptance;
    }

    public String getFirstEinvoiceDate() {
        return firstEinvoiceDate;
    }

    public void setFirstEinvoiceDate(String firstEinvoiceDate) {
        this.firstEinvoiceDate = firstEinvoiceDate;
    }

    public String getWebinarAt() {
        return webinarAt;
    }

    public void setWebinarAt(String webinarAt) {
        this.webinarAt = webinarAt;
    }

    public String getLettersPerHour() {
        return lettersPerHour;
    }

    public void setLettersPerHour(String lettersPerHour) {
        this.lettersPerHour = lettersPerHour;
    }

    public String getMoreWebinarSessions() {
        return moreWebinarSessions;
    }

    public void setMoreWebinarSessions(String moreWebinarSessions) {
        this.moreWebinarSessions = moreWebinarSessions;
    }

    public String getWebinarUrl() {
        return webinarUrl;
    }

    public void setWebinarUrl(String webinarUrl) {
        this.webinarUrl = webinarUrl;
    }

    public String getFaqUrl() {
        return faqUrl;
    }

    public void setFaqUrl(String faqUrl) {
        this.faqUrl = faqUrl;
    }

    public boolean isShowTaxFaq() {
        return showTaxFaq;
    }

    public void setShowTaxFaq(boolean showTaxFaq) {
        this.showTaxFaq = showTaxFaq;
    }

    public String getContactName() {
        return contactName;
    }

    public void setContactName(String contactName) {
        this.contactName = contactName;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = contactEmail;
    }

    public String getContactPhone() {
        return contactPhone;
    }

    public void setContactPhone(String contactPhone) {
        this.contactPhone = contactPhone;
    }

    public String getTermsVersion() {
        return termsVersion;
    }

    public void setTermsVersion(String termsVersion) {
        this.termsVersion = termsVersion;
    }

    public String getTermsUrl() {
        return termsUrl;
    }

    public void setTermsUrl(String termsUrl) {
        this.termsUrl = termsUrl;
    }

    public String getSupplierLegalName() {
        return supplierLegalName;
    }

    public void setSupplierLegalName(String supplierLegalName) {
        this.supplierLegalName = supplierLegalName;
    }

    public String getSupplierSiren() {
        return supplierSiren;
    }

    public void setSupplierSiren(String supplierSiren) {
        this.supplierSiren = supplierSiren;
    }

    public String getSupplierAddress() {
        return supplierAddress;
    }

    public void setSupplierAddress(String supplierAddress) {
        this.supplierAddress = supplierAddress;
    }

    public String getSupplierIban() {
        return supplierIban;
    }

    public void setSupplierIban(String supplierIban) {
        this.supplierIban = supplierIban;
    }

    public String getSupplierBic() {
        return supplierBic;
    }

    public void setSupplierBic(String supplierBic) {
        this.supplierBic = supplierBic;
    }

    public String getIssuerSize() {
        return issuerSize;
    }

    public void setIssuerSize(String issuerSize) {
        this.issuerSize = issuerSize;
    }

    public String getLetterTemplate() {
        return letterTemplate;
    }

    public void setLetterTemplate(String letterTemplate) {
        this.letterTemplate = letterTemplate;
    }

    public String getSupplierPhone() {
        return supplierPhone;
    }

    public void setSupplierPhone(String supplierPhone) {
        this.supplierPhone = supplierPhone;
    }
}
