package fr.einvoicing.adoption.letter;

/**
 * Everything a letter template shows, already formatted in the customer's language and the
 * campaign's time zone. Optional parts are null when the campaign does not set them.
 */
public record LetterView(
        String language,
        String subject,
        String companyName,
        String contactName,
        String supplierName,
        String supplierSiren,
        String supplierVatNumber,
        String supplierAddress,
        String supplierPhone,
        String deadline,
        boolean silenceMeansAcceptance,
        String firstEinvoiceDate,
        String webinar,
        String webinarUrl,
        String faqUrl,
        String taxFaqUrl,
        String contactPersonName,
        String contactPersonEmail,
        String contactPersonPhone,
        String termsVersion,
        String termsUrl,
        String responseLink,
        boolean postal) {}
