package fr.einvoicing.adoption.customer;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks on French company identifiers. Under the e-invoicing reform invoices are routed by SIREN /
 * SIRET, so a wrong number means a lost invoice: every number a customer or a file gives us is
 * checked here before it is kept.
 */
public final class CompanyIdentifiers {

    /** La Poste's establishments do not follow the Luhn rule on their SIRET. */
    static final String LA_POSTE_SIREN = "356000000";

    private CompanyIdentifiers() {}

    public static boolean isValidSiren(String siren) {
        return siren != null && siren.matches("\\d{9}") && luhn(siren);
    }

    public static boolean isValidSiret(String siret) {
        if (siret == null || !siret.matches("\\d{14}")) {
            return false;
        }
        // La Poste's establishments share one SIREN; their SIRETs follow a digit-sum rule instead
        return luhn(siret) || siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 == 0;
    }

    /** Why a SIREN is refused, or empty when it is valid. */
    public static Optional<ImportReason> sirenProblem(String siren) {
        if (siren == null || siren.isBlank()) {
            return Optional.empty();
        }
        if (!siren.matches("\\d{9}")) {
            return Optional.of(ImportReason.SIREN_FORMAT);
        }
        return luhn(siren) ? Optional.empty() : Optional.of(ImportReason.SIREN_CHECKSUM);
    }

    /** Why a SIRET is refused (alone or against its SIREN), or empty when it is valid. */
    public static Optional<ImportReason> siretProblem(String siret, String siren) {
        if (siret == null || siret.isBlank()) {
            return Optional.empty();
        }
        if (!siret.matches("\\d{14}")) {
            return Optional.of(ImportReason.SIRET_FORMAT);
        }
        if (!isValidSiret(siret)) {
            return Optional.of(ImportReason.SIRET_CHECKSUM);
        }
        if (siren != null && !siren.isBlank() && !siret.startsWith(siren)) {
            return Optional.of(ImportReason.SIRET_OF_OTHER_COMPANY);
        }
        return Optional.empty();
    }

    /** French intra-community VAT number: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
    public static String vatNumber(String siren) {
        if (!isValidSiren(siren)) {
            throw new IllegalArgumentException("not a valid SIREN");
        }
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return "FR" + String.format(Locale.ROOT, "%02d", key) + siren;
    }

    /** French IBAN: 27 characters, ISO 13616 mod-97 check. */
    public static boolean isValidFrenchIban(String iban) {
        if (iban == null) {
            return false;
        }
        String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!compact.matches("FR\\d{2}[0-9A-Z]{23}")) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static int digitSum(String digits) {
        int sum = 0;
        for (char c : digits.toCharArray()) {
            sum += c - '0';
        }
        return sum;
    }
}
