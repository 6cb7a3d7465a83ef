package fr.einvoicing.adoption.support;

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
import java.util.regex.Matcher;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server for the benchmark and the connection tests that keeps only what the benchmark needs: for each recipient,
 * the first mail carrying a response link (the letter), its link and when its {@code 250} was given.
 * GreenMail keeps every mail with its PDF in memory, which 100,000 letters do not fit in. It speaks the
 * SMTP a relay speaks to JavaMail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) over TCP, one thread per
 * connection, and answers {@code 250} once the mail is read.
 */
public final class SmtpSink implements AutoCloseable {

    public record Letter(String link, Instant acceptedAt) {}

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Letter> letters = new ConcurrentHashMap<>();
    private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong mails = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final Session mailSession = Session.getInstance(new Properties());

    public SmtpSink() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Recipients whose letter arrived. */
    public int letterCount() {
        return letters.size();
    }

    public Map<String, Letter> letters() {
        return letters;
    }

    public long mails() {
        return mails.get();
    }

    /** SMTP connections opened so far: one per letter means no connection is reused. */
    public long sessions() {
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
                open.add(client);
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
                        Instant accepted = Instant.now();
                        reply(out, "250 OK queued");
                        // read once the client has its answer: the sink's own work is not the relay's delay
                        record(recipients, data, accepted);
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away, or the sink dropped the connection
        } finally {
            open.remove(client);
        }
    }

    /** Closes every open connection without a word, as a relay does with connections idle too long. */
    public void dropConnections() throws IOException {
        for (Socket client : open) {
            client.close();
        }
    }

    private void record(List<String> recipients, byte[] data, Instant accepted) {
        mails.incrementAndGet();
        for (String recipient : recipients) {
            if (letters.containsKey(recipient)) {
                continue;
            }
            try {
                String text = text(new MimeMessage(mailSession, new ByteArrayInputStream(data)));
                Matcher link = ReceivedMail.LINK.matcher(text == null ? "" : text);
                if (link.find()) {
                    letters.putIfAbsent(recipient, new Letter(link.group(), accepted));
                }
            } catch (jakarta.mail.MessagingException | IOException e) {
                // unreadable: counted among the mails only
            }
        }
    }

    /** The plain-text part, without decoding the attachments. */
    private static String text(Part part) throws jakarta.mail.MessagingException, IOException {
        if (part.isMimeType("text/plain") && part.getFileName() == null) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
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
