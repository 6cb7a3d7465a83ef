package fr.einvoicing.adoption.letter;

public enum LetterKind {
    /** The campaign letter asking for consent, with its PDF for print. */
    LETTER("letter"),
    /** The single reminder before the deadline. */
    REMINDER("reminder"),
    /** The letter for customers whose consent is not needed: informs and asks for routing details. */
    INFORMATION("information");

    private final String templatePrefix;

    LetterKind(String templatePrefix) {
        this.templatePrefix = templatePrefix;
    }

    /** The first letter a customer receives (a letter or an information letter), as opposed to a reminder. */
    public boolean isMainLetter() {
        return this != REMINDER;
    }

    String templatePrefix() {
        return templatePrefix;
    }
}
