package fr.einvoicing.adoption.customer;

import java.util.Map;

/** A valid row of a customer file. */
public record CustomerRow(
        long lineNumber,
        String customerId,
        String companyName,
        String contactName,
        String email,
        String siren,
        String siret,
        String language,
        String segment,
        String accountManager,
        Map<String, String> attributes) {
}
