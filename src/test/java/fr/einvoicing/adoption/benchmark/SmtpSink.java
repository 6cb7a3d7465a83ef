package fr.einvoicing.adoption.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import fr.einvoicing.adoption.support.ReceivedMail;

/**
 * A real SMTP server for the benchmark that keeps only what the benchmark needs: for each recipient,
 * the first mail carrying a response link (the letter), its link and when its {@code 250} was given.
 * GreenMail keeps every mail with its PDF in memory, which 100,000 letters do not fit in. It speaks the
 * SMTP a relay speaks to JavaMail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) over TCP, one thread per
 * connection, and answers {@code 250} once the mail is read.
 */
final class SmtpSink implements AutoCloseable {

    record Letter(String link, Instant acceptedAt) {}

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Letter> letters = new ConcurrentHashMap<>();
    private final AtomicLong mails = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final Session mailSession = Session.getInstance(new Properties());

    SmtpSink() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Recipients whose letter arrived. */
    int letterCount() {
        return letters.size();
    }

    Map<String, Letter> letters() {
        return letters;
    }

    long mails() {
        return mails.get();
    }

    /** SMTP connections opened so far: one per letter means no connection is reused. */
    long sessions() {
        return sessions.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sessions.incrementAndGet();
                connections.execute(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 benchmark sink ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line = readLine(in); line != null; line = readLine(in)) {
                String command = line.length() < 4
                        ? line.toUpperCase()
                        : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-benchmark sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] data = readData(in);
                        record(recipients, data);
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void record(List<String> recipients, byte[] data) {
        mails.incrementAndGet();
        for (String recipient : recipients) {
            if (letters.containsKey(recipient)) {
                continue;
            }
            try {
                String link = ReceivedMail.of(new MimeMessage(mailSession, new ByteArrayInputStream(data)))
                        .responseLink();
                letters.putIfAbsent(recipient, new Letter(link, Instant.now()));
            } catch (AssertionError | jakarta.mail.MessagingException e) {
                // not a letter (no response link): counted among the mails only
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    /** The mail up to the lone dot, dot-stuffing removed, lines ending in CRLF. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (bytes.length == 3 && bytes[0] == '.' && bytes[1] == '\r') {
                    return data.toByteArray();
                }
                int from = bytes.length > 1 && bytes[0] == '.' ? 1 : 0;
                data.write(bytes, from, bytes.length - from);
            }
        }
        throw new IOException("connection closed in DATA");
    }
}
