package fr.einvoicing.adoption.letter;

import java.time.OffsetDateTime;

/**
 * A letter as rendered and kept. {@link #html} holds {@link #PERSONAL_LINK} where the customer's
 * personal link goes: the link itself is never stored, and the content hash covers this exact text.
 */
public record Letter(
        long id,
        long customerRef,
        LetterKind kind,
        Long parentLetterId,
        String language,
        String templateVersion,
        String recipient,
        String subject,
        String html,
        String plainText,
        String contentHash,
        OffsetDateTime responseDeadline,
        OffsetDateTime renderedAt) {

    public static final String PERSONAL_LINK = "__PERSONAL_LINK__";

    public String htmlWithLink(String link) {
        return html.replace(PERSONAL_LINK, link);
    }

    public String plainTextWithLink(String link) {
        return plainText.replace(PERSONAL_LINK, link);
    }
}
