package fr.einvoicing.adoption.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** Reading the sandbox's mails (demo profile): list, the HTML as the customer sees it, attachments. */
@Controller
@RequestMapping("/sandbox/mails")
@ConditionalOnProperty(name = "campaign.mail-sandbox.enabled", havingValue = "true")
public class SandboxPages {

    private final MailSandbox sandbox;

    public SandboxPages(MailSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A mail as shown in the list and on its page. */
    public record MailView(
            long id,
            String receivedAt,
            String to,
            String subject,
            String html,
            String text,
            List<String> attachments) {}

    @GetMapping
    public String list(Model model) throws MessagingException, IOException {
        List<MailView> mails = new ArrayList<>();
        for (SandboxMail mail : sandbox.latest()) {
            mails.add(view(mail));
        }
        model.addAttribute("mails", mails);
        model.addAttribute("port", sandbox.port());
        return "sandbox/list";
    }

    @GetMapping("/{id}")
    public String mail(@PathVariable long id, Model model) throws MessagingException, IOException {
        model.addAttribute("mail", view(find(id)));
        return "sandbox/mail";
    }

    @GetMapping(value = "/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> html(@PathVariable long id) throws MessagingException, IOException {
        MailView view = view(find(id));
        return ResponseEntity.ok()
                // shown in a frame of our page; links open at top level, no script runs
                .header(
                        "Content-Security-Policy",
                        "sandbox allow-top-navigation-by-user-activation allow-popups; "
                                + "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .contentType(MediaType.TEXT_HTML)
                .body(view.html() == null ? "<pre>" + escape(view.text()) + "</pre>" : view.html());
    }

    @GetMapping("/{id}/attachments/{index}")
    public ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable int index)
            throws MessagingException, IOException {
        MimeMessage message = parse(find(id));
        List<Part> attachments = new ArrayList<>();
        collect(message, null, null, attachments);
        if (index < 0 || index >= attachments.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Part part = attachments.get(index);
        try (InputStream in = part.getInputStream()) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(
                            part.getContentType().split(";")[0].trim()))
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.inline()
                                    .filename(part.getFileName())
                                    .build()
                                    .toString())
                    .body(in.readAllBytes());
        }
    }

    @PostMapping("/clear")
    public String clear() {
        sandbox.clear();
        return "redirect:/sandbox/mails";
    }

    private SandboxMail find(long id) {
        return sandbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static MimeMessage parse(SandboxMail mail) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.raw()));
    }

    private static MailView view(SandboxMail mail) throws MessagingException, IOException {
        MimeMessage message = parse(mail);
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<Part> attachments = new ArrayList<>();
        collect(message, html, text, attachments);
        List<String> names = attachments.stream()
                .map(p -> {
                    try {
                        return p.getFileName();
                    } catch (MessagingException e) {
                        return "attachment";
                    }
                })
                .toList();
        return new MailView(
                mail.id(),
                mail.receivedAt().toString(),
                String.join(", ", mail.recipients()),
                message.getSubject(),
                html.isEmpty() ? null : html.toString(),
                text.toString(),
                names);
    }

    private static void collect(Part part, StringBuilder html, StringBuilder text, List<Part> attachments)
            throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(part);
        } else if (part.isMimeType("text/html")) {
            if (html != null) {
                html.append(part.getContent());
            }
        } else if (part.isMimeType("text/plain")) {
            if (text != null) {
                text.append(part.getContent());
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, html, text, attachments);
            }
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
