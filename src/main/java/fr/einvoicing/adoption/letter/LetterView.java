package fr.einvoicing.adoption.letter;

import fr.einvoicing.adoption.campaign.CampaignSettings;

/**
 * Everything a letter template shows: the campaign's settings as they are ({@code letter.campaign.faqUrl}),
 * and what must be worded or formatted for this customer, in their language and the campaign's time
 * zone. Optional parts are null when the campaign does not set them.
 */
public record LetterView(
        CampaignSettings campaign,
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
        String firstEinvoiceDate,
        String webinar,
        String taxFaqUrl,
        String responseLink,
        boolean postal) {}
