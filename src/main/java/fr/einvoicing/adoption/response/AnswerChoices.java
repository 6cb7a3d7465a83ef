package fr.einvoicing.adoption.response;

import java.util.List;

/** The closed lists of the response form. Codes are stored; labels come from the page texts. */
public final class AnswerChoices {

    public static final List<String> DECISIONS = List.of("ACCEPT", "REFUSE");
    /** The answer to an information letter: routing details only, nothing accepted or refused. */
    public static final String DETAILS = "DETAILS";

    public static final List<String> REFUSAL_REASONS =
            List.of("PREFER_PAPER", "NO_EQUIPMENT", "INTERNAL_PROCESS", "TOO_EARLY", "OTHER");
    public static final List<String> SUPPLIER_TOOLS = List.of("YOOZ", "FREEDZ", "PENNYLANE", "SAGE", "CEGID", "OTHER");
    public static final List<String> FORMATS = List.of("PDF", "FACTURX", "UBL", "CII", "EDI");
    public static final List<String> DELIVERY_MODES =
            List.of("EACH_INVOICE", "DAILY_DIGEST", "WEEKLY_DIGEST", "SFTP", "PORTAL");

    private AnswerChoices() {}
}
