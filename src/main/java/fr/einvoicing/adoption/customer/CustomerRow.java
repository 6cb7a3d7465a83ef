package fr.einvoicing.adoption.customer;

import java.util.Map;

/**
 * A valid row of a customer file.
 *
 * @param country       ISO 3166 alpha-2, FR unless the file says otherwise
 * @param vatRegistered registered for VAT (yes unless the file says otherwise)
 * @param publicEntity  a public body (State, local authority, hospital...), no unless the file says so
 */
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
        Map<String, String> attributes,
        String country,
        boolean vatRegistered,
        boolean publicEntity) {}
