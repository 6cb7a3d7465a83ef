package fr.einvoicing.adoption.mail;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the bounce mailbox: each delivery-status notification of a failed delivery is handed to the
 * {@link BounceHandler} and, once recorded, deleted from the mailbox. Anything else (out-of-office
 * replies, answers sent to the bounce address) is marked read and left for a person. Every node may
 * read the same mailbox: a report recorded by one is skipped by the other.
 */
@Component
@ConditionalOnProperty(name = "campaign.bounces.enabled", havingValue = "true")
public class BounceMailbox {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

    private final BounceMailboxSettings settings;
    private final BounceHandler handler;

    public BounceMailbox(BounceMailboxSettings settings, BounceHandler handler) {
        this.settings = settings;
        this.handler = handler;
        if (settings.username().isBlank()) {
            throw new IllegalStateException("campaign.bounces.enabled is true but campaign.bounces.username is empty:"
                    + " name the mailbox that receives the bounces");
        }
    }

    /** What one reading found. */
    public record Reading(int reports, int recorded, int otherMessages) {}

    @Scheduled(
            fixedDelayString = "${campaign.bounces.poll-interval:2m}",
            initialDelayString = "${campaign.bounces.poll-interval:2m}")
    public void scheduledRead() {
        try {
            Reading reading = read();
            if (reading.reports() > 0 || reading.otherMessages() > 0) {
                log.info(
                        "Bounce mailbox: {} delivery reports, {} recorded, {} other messages left unread",
                        reading.reports(),
                        reading.recorded(),
                        reading.otherMessages());
            }
        } catch (MessagingException | RuntimeException e) {
            // shown in the log and the health of the next reading; the reports wait in the mailbox
            log.warn("The bounce mailbox could not be read: {}", e.getMessage());
        }
    }

    /** Reads the unread messages once. */
    public Reading read() throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail." + settings.protocol() + ".connectiontimeout", "10000");
        properties.put("mail." + settings.protocol() + ".timeout", "30000");
        Session session = Session.getInstance(properties);
        int reports = 0;
        int recorded = 0;
        int others = 0;
        try (Store store = session.getStore(settings.protocol())) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    var report = readReport((MimeMessage) message);
                    if (report.isEmpty()) {
                        message.setFlag(Flags.Flag.SEEN, true);
                        others++;
                        continue;
                    }
                    reports++;
                    if (handler.handle(report.get())) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        recorded++;
                    }
                }
            } finally {
                folder.close(true);
            }
        }
        return new Reading(reports, recorded, others);
    }

    private static java.util.Optional<DeliveryStatusReport> readReport(MimeMessage message) {
        try {
            return DeliveryStatusReport.read(message);
        } catch (MessagingException | java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }
}
