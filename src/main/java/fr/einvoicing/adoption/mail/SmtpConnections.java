package fr.einvoicing.adoption.mail;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open SMTP connections to the relay, reused from one mail to the next: a wave of letters then pays
 * the connection, the greeting, EHLO and (on a real relay) TLS and authentication once per
 * {@code mailsPerConnection} mails instead of once per mail. Each job thread takes a connection for
 * one mail and gives it back; a connection idle for a few seconds is checked (NOOP) before it is used
 * again, one idle for {@link #IDLE_LIMIT} is closed, and a mail that fails on a reused connection is
 * tried once more on a new one (the relay may have closed it meanwhile).
 */
final class SmtpConnections {

    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final Duration CHECK_AFTER = Duration.ofSeconds(5);
    private static final int MAX_IDLE = 16;

    private final JavaMailSenderImpl sender;
    private final int mailsPerConnection;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicLong opened = new AtomicLong();

    SmtpConnections(JavaMailSenderImpl sender, int mailsPerConnection) {
        this.sender = sender;
        this.mailsPerConnection = Math.max(1, mailsPerConnection);
    }

    private static final class Connection {
        final Transport transport;
        int mails;
        long lastUsed = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }

        boolean idleLongerThan(Duration duration) {
            return System.nanoTime() - lastUsed > duration.toNanos();
        }
    }

    /** Hands the mail to the relay; what the relay refused or what broke is thrown as Jakarta Mail says it. */
    void send(MimeMessage message) throws MessagingException {
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            // saveChanges makes a new one; the mail keeps the one it was given (the same on every attempt)
            message.setHeader("Message-ID", messageId);
        }
        Connection connection = borrow();
        boolean reused = connection.mails > 0;
        try {
            connection.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            close(connection);
            if (!reused || MailTransport.permanentRefusal(e) != null) {
                throw e;
            }
            // the relay may have dropped a connection kept open: once more, on a new one
            connection = open();
            try {
                connection.transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException again) {
                close(connection);
                throw again;
            }
        }
        giveBack(connection);
    }

    /** Connections opened since the start: with reuse, far fewer than mails sent. */
    long opened() {
        return opened.get();
    }

    private Connection borrow() throws MessagingException {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            if (connection.idleLongerThan(IDLE_LIMIT)
                    || (connection.idleLongerThan(CHECK_AFTER) && !connection.transport.isConnected())) {
                close(connection);
                continue;
            }
            return connection;
        }
        return open();
    }

    private Connection open() throws MessagingException {
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        Transport transport = sender.getSession().getTransport(protocol);
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        opened.incrementAndGet();
        return new Connection(transport);
    }

    private void giveBack(Connection connection) {
        connection.mails++;
        connection.lastUsed = System.nanoTime();
        if (connection.mails >= mailsPerConnection || idle.size() >= MAX_IDLE) {
            close(connection);
        } else {
            idle.offerFirst(connection);
        }
    }

    /** Closes the connections left idle too long: the relay is not kept busy between waves. */
    void closeIdle() {
        for (Connection connection : idle) {
            // a sender may take it at the same moment: only the one that removes it owns it
            if (connection.idleLongerThan(IDLE_LIMIT) && idle.removeFirstOccurrence(connection)) {
                close(connection);
            }
        }
    }

    void closeAll() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException e) {
            // already gone
        }
    }
}
