package fr.einvoicing.adoption.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * A delivery-status notification (RFC 3464) saying that one of our mails could not be delivered:
 * a {@code multipart/report; report-type=delivery-status} whose status part says {@code Action: failed}
 * for a recipient, and whose last part carries the original mail (or its headers) with its Message-ID.
 *
 * @param reportId          the notification's own Message-ID, or a digest of it when it has none
 * @param originalMessageId the Message-ID of our mail that bounced
 * @param recipient         the final recipient the report names
 * @param status            the RFC 3463 status code, e.g. 5.1.1
 * @param diagnostic        what the receiving server said, if the report gives it
 */
public record DeliveryStatusReport(
        String reportId, String originalMessageId, String recipient, String status, String diagnostic) {

    /** The failure this message reports, if it is a DSN of a failed delivery. */
    public static Optional<DeliveryStatusReport> read(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")) {
            return Optional.empty();
        }
        String reportType = new ContentType(message.getContentType()).getParameter("report-type");
        if (reportType == null
                || !reportType.equalsIgnoreCase("delivery-status")
                || !(message.getContent() instanceof Multipart parts)) {
            return Optional.empty();
        }
        InternetHeaders failure = null;
        String originalMessageId = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                failure = failedRecipient(raw(part));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                originalMessageId =
                        new InternetHeaders(new ByteArrayInputStream(raw(part))).getHeader("Message-ID", null);
            }
        }
        if (failure == null) {
            return Optional.empty();
        }
        String reportId = message.getMessageID();
        if (reportId == null) {
            reportId = "sha256:"
                    + digest(message.getSentDate() + "|" + failure.getHeader("Final-Recipient", null) + "|"
                            + originalMessageId);
        }
        return Optional.of(new DeliveryStatusReport(
                trim(reportId, 300),
                originalMessageId == null ? null : originalMessageId.trim(),
                address(failure.getHeader("Final-Recipient", null)),
                trim(firstWord(failure.getHeader("Status", null)), 20),
                trim(failure.getHeader("Diagnostic-Code", null), 1000)));
    }

    /** The per-recipient block that says the delivery failed (the first block is about the message). */
    private static InternetHeaders failedRecipient(byte[] statusPart) throws MessagingException {
        String text = new String(statusPart, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        for (String block : text.split("\n\\s*\n")) {
            if (block.isBlank()) {
                continue;
            }
            InternetHeaders fields = new InternetHeaders(
                    new ByteArrayInputStream((block.trim() + "\n\n").getBytes(StandardCharsets.US_ASCII)));
            String action = fields.getHeader("Action", null);
            if (action != null && action.trim().toLowerCase(Locale.ROOT).startsWith("failed")) {
                return fields;
            }
        }
        return null;
    }

    /** The part's bytes as sent, whatever handler the mail library has for its type. */
    private static byte[] raw(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage embedded) {
            var out = new java.io.ByteArrayOutputStream();
            embedded.writeTo(out);
            return out.toByteArray();
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "rfc822; someone@example.com" → "someone@example.com". */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        return trim((semicolon >= 0 ? field.substring(semicolon + 1) : field).trim(), 320);
    }

    private static String firstWord(String field) {
        return field == null ? null : field.trim().split("\\s+")[0];
    }

    private static String trim(String text, int max) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max);
    }
}
