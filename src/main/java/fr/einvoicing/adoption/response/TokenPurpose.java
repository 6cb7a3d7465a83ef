package fr.einvoicing.adoption.response;

public enum TokenPurpose {
    /** Answer the campaign letter. */
    RESPONSE,
    /** After acceptance: validate the terms, pick a webinar session. Usable until it expires. */
    FOLLOW_UP
}
