package fr.einvoicing.adoption.mail;

import java.util.List;

/** A customer mail ready to go: HTML with its plain-text twin, and attachments. */
public record OutgoingMail(String to, String subject, String html, String text, List<Attachment> attachments) {

    public record Attachment(String filename, String contentType, byte[] content) {}
}
