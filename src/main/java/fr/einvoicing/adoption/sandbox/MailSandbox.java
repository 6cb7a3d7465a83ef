package fr.einvoicing.adoption.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import fr.einvoicing.adoption.CampaignProperties;

/**
 * A real SMTP server inside the application, for the demo profile: the letters really go through
 * SMTP, and can be read at /sandbox/mails. Like a real relay it refuses, with a permanent 550,
 * any recipient in the reserved {@code .invalid} top-level domain, which shows the bounce path.
 * With {@code campaign.mail-sandbox.directory} set, mails are also kept there as {@code .eml}
 * files, so that a restart does not lose the letters (and the links they carry) of a demo.
 */
@Component
@ConditionalOnProperty(name = "campaign.mail-sandbox.enabled", havingValue = "true")
public class MailSandbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailSandbox.class);

    private final CampaignProperties.MailSandbox settings;
    private final Clock clock;
    private final Deque<SandboxMail> mails = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private SMTPServer server;

    public MailSandbox(CampaignProperties properties, Clock clock) {
        this.settings = properties.mailSandbox();
        this.clock = clock;
    }

    public static boolean isRefused(String recipient) {
        return recipient.toLowerCase(Locale.ROOT).endsWith(".invalid");
    }

    @Override
    public void start() {
        loadKeptMails();
        try {
            server = SMTPServer.port(settings.port())
                    .bindAddress(InetAddress.getLoopbackAddress())
                    .hostName("mail-sandbox.local")
                    .messageHandlerFactory(Handler::new)
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The mail sandbox cannot start on port " + settings.port(), e);
        }
        server.start();
        log.info("Mail sandbox listening on port {}; read its mails at /sandbox/mails", server.getPortAllocated());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port really in use (useful when configured as 0). */
    public int port() {
        return server == null ? settings.port() : server.getPortAllocated();
    }

    public synchronized List<SandboxMail> latest() {
        return new ArrayList<>(mails);
    }

    public synchronized Optional<SandboxMail> find(long id) {
        return mails.stream().filter(m -> m.id() == id).findFirst();
    }

    public synchronized void clear() {
        mails.forEach(m -> deleteFile(m.id()));
        mails.clear();
    }

    private synchronized void keep(SandboxMail mail) {
        mails.addFirst(mail);
        writeFile(mail);
        while (mails.size() > settings.keepLast()) {
            deleteFile(mails.removeLast().id());
        }
    }

    private Optional<Path> directory() {
        return settings.directory() == null || settings.directory().isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(settings.directory()));
    }

    private void writeFile(SandboxMail mail) {
        directory().ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve(mail.id() + ".eml");
                Files.write(file, mail.raw());
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(mail.receivedAt()));
            } catch (IOException e) {
                throw new UncheckedIOException("The mail sandbox cannot write to " + dir, e);
            }
        });
    }

    private void deleteFile(long id) {
        directory().ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir.resolve(id + ".eml"));
            } catch (IOException e) {
                log.warn("The mail sandbox could not delete mail {}: {}", id, e.getMessage());
            }
        });
    }

    private synchronized void loadKeptMails() {
        Optional<Path> dir = directory().filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return;
        }
        try (var files = Files.list(dir.get())) {
            files.filter(f -> f.getFileName().toString().matches("\\d+\\.eml"))
                    .map(this::readFile)
                    .flatMap(Optional::stream)
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .forEach(mails::addFirst);
        } catch (IOException e) {
            throw new UncheckedIOException("The mail sandbox cannot read " + dir.get(), e);
        }
        mails.stream().mapToLong(SandboxMail::id).max().ifPresent(ids::set);
        log.info("Mail sandbox: {} mails kept from earlier runs", mails.size());
    }

    private Optional<SandboxMail> readFile(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            MimeMessage message = new MimeMessage(
                    Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(raw));
            String from =
                    message.getFrom() == null || message.getFrom().length == 0 ? "" : message.getFrom()[0].toString();
            List<String> to = new ArrayList<>();
            if (message.getAllRecipients() != null) {
                for (Address a : message.getAllRecipients()) {
                    to.add(a.toString());
                }
            }
            long id = Long.parseLong(file.getFileName().toString().replace(".eml", ""));
            Instant received = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new SandboxMail(id, received, from, List.copyOf(to), raw));
        } catch (IOException | MessagingException | NumberFormatException e) {
            log.warn("The mail sandbox skips unreadable file {}: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    private final class Handler implements MessageHandler {
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {}

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (isRefused(recipient)) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: recipient address rejected: user unknown");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            data.transferTo(raw);
            keep(new SandboxMail(
                    ids.incrementAndGet(), clock.instant(), from, List.copyOf(recipients), raw.toByteArray()));
            return null;
        }

        @Override
        public void done() {}
    }
}
