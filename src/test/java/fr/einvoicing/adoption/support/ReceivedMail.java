package fr.einvoicing.adoption.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** A mail as the customer's mail program sees it: subject, text, HTML, attachments, the link. */
public record ReceivedMail(String subject, String text, String html, List<Attachment> attachments) {

    /** A personal response link, wherever it stands in a text. */
    public static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>)]+/respond/[A-Za-z0-9_-]+");

    public record Attachment(String fileName, String contentType, byte[] content) {}

    public static ReceivedMail of(MimeMessage message) {
        try {
            List<Attachment> attachments = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            walk(message, text, html, attachments);
            return new ReceivedMail(message.getSubject(), text.toString(), html.toString(), attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    private static void walk(Part part, StringBuilder text, StringBuilder html, List<Attachment> attachments)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, text, html, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(new Attachment(
                    part.getFileName(),
                    part.getContentType(),
                    part.getInputStream().readAllBytes()));
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        }
    }

    /** The personal response link, which must be the same in the text and the HTML part. */
    public String responseLink() {
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("No response link in the mail text:\n" + text);
        }
        return m.group();
    }
}
