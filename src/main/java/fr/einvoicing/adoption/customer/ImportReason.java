package fr.einvoicing.adoption.customer;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Why a row of a customer file is refused. The code and its values are kept with the row, so that
 * the pages word it in the reader's language ({@code importReason.<CODE>} in the staff messages); the
 * English sentence is kept too, for the API and the exports.
 */
public enum ImportReason {
    WRONG_COLUMN_COUNT("Wrong number of columns: expected {0}, found {1}"),
    BAD_ENCODING("Bad encoding: the row is not valid UTF-8"),
    CONTROL_CHARACTER("Column {0} contains a control character (such as NUL)"),
    TOO_LONG("{0} is too long: {1} characters, at most {2}"),
    ATTRIBUTES_TOO_LONG("The extra columns are too long together: {0} characters, at most {1}"),
    CUSTOMER_ID_MISSING("customer_id is missing"),
    CUSTOMER_ID_INVALID("customer_id ''{0}'' is invalid (letters, digits, . _ / - ; at most 64)"),
    COMPANY_NAME_MISSING("company_name is missing"),
    EMAIL_MISSING("email is missing"),
    EMAIL_INVALID("email ''{0}'' is not a valid address"),
    SIREN_FORMAT("SIREN must be exactly 9 digits"),
    SIREN_CHECKSUM("SIREN checksum is wrong (Luhn)"),
    SIRET_FORMAT("SIRET must be exactly 14 digits"),
    SIRET_CHECKSUM("SIRET checksum is wrong"),
    SIRET_OF_OTHER_COMPANY("SIRET does not belong to SIREN {0}"),
    LANGUAGE_UNKNOWN("Unknown language ''{0}'' (expected fr or en)"),
    COUNTRY_INVALID("country ''{0}'' is not a two-letter country code (FR, BE, DE...)"),
    FLAG_INVALID("{0} ''{1}'' is not yes or no"),
    DUPLICATE_CUSTOMER_ID("Duplicate customer_id ''{0}'' (already on an earlier line)"),
    MALFORMED_CSV("Malformed CSV (unbalanced quotes?); the rest of the file could not be read");

    private final String english;

    ImportReason(String english) {
        this.english = english;
    }

    /** The sentence in English with its values (given as text, so that no number is regrouped). */
    public String english(String... values) {
        return new MessageFormat(english, Locale.ROOT).format(values);
    }

    /** The refusal of one row. */
    public RowProblem of(long lineNumber, String customerId, Object... values) {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = String.valueOf(values[i]);
        }
        return new RowProblem(lineNumber, customerId, english(text), name(), java.util.List.of(text));
    }
}
