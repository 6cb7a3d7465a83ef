package fr.einvoicing.adoption.response;

public enum TokenPurpose {
    /** Answer the campaign letter. */
    RESPONSE
}
