package fr.einvoicing.adoption.customer;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Why a customer file is refused as a whole (nothing of it is imported). The pages and the API word it
 * in the reader's language from {@code fileRefusal.<CODE>} in the staff messages; the English sentence
 * is the exception's message, for logs and tests.
 */
public enum FileRefusal {
    EMPTY("The file is empty."),
    NO_HEADER("The file is empty: a header row is expected."),
    BINARY("This is not a CSV file (it contains binary data). Export the sheet as CSV UTF-8."),
    SPREADSHEET("This is a spreadsheet or archive, not a CSV file. Export the sheet as CSV UTF-8."),
    NO_SEPARATOR("The first row is not a CSV header (no “;” or “,” separator). Expected at least: {0}."),
    MISSING_COLUMN("The header row lacks the required column {0}. Expected at least: {1}."),
    MISSING_COLUMNS("The header row lacks the required columns {0}. Expected at least: {1}."),
    HEADER_UNREADABLE("The header row cannot be read: {0}"),
    NO_CUSTOMER("The file has a header row but no customer."),
    LETTERS_STARTED("Letters have started going out: the customer file can no longer be replaced.");

    private final String english;

    FileRefusal(String english) {
        this.english = english;
    }

    public String english(Object... values) {
        return new MessageFormat(english, Locale.ROOT).format(values);
    }

    /** The key of its wording in the staff messages. */
    public String messageKey() {
        return "fileRefusal." + name();
    }
}
