package fr.einvoicing.adoption.support;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One real SMTP server (GreenMail) for the whole test run: Spring keeps its test contexts alive
 * between classes, so the relay they point at must outlive any single class.
 */
public final class TestMailServer {

    private static GreenMail server;

    private TestMailServer() {}

    public static synchronized GreenMail get() {
        if (server == null) {
            server = new GreenMail(new ServerSetup[] {
                new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
        }
        return server;
    }

    public static int port() {
        return get().getSmtp().getPort();
    }

    /** The IMAP side, where the bounce mailbox is read. */
    public static int imapPort() {
        return get().getImap().getPort();
    }

    public static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(get().getReceivedMessages())
                .filter(m -> isFor(m, recipient))
                .toList();
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
