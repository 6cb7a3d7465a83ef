package fr.einvoicing.adoption.letter;

public enum LetterKind {
    /** The campaign letter, with its PDF for print. */
    LETTER,
    /** The single reminder before the deadline. */
    REMINDER
}
