package fr.einvoicing.adoption.mail;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import fr.einvoicing.adoption.support.SmtpSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connections to a real SMTP server (over TCP) reused from one mail to the next, and renewed when dropped. */
class SmtpConnectionsTest {

    private SmtpSink relay;
    private JavaMailSenderImpl sender;

    @BeforeEach
    void relay() throws Exception {
        relay = new SmtpSink();
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @Test
    void a_wave_of_mails_goes_out_over_one_connection_renewed_every_n_mails() throws Exception {
        SmtpConnections connections = new SmtpConnections(sender, 10);
        for (int i = 1; i <= 25; i++) {
            connections.send(mail(i));
        }
        // the relay reads each mail once it has answered 250
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.letterCount() == 25);
        assertThat(relay.mails()).isEqualTo(25);
        assertThat(relay.letterCount())
                .as("mails that arrived, each to its own recipient")
                .isEqualTo(25);
        assertThat(connections.opened())
                .as("connections for 25 mails, 10 per connection")
                .isEqualTo(3);
        assertThat(relay.letters().get("k7@example.com").link()).isEqualTo("https://adoption.example.com/respond/t7");
        connections.closeAll();
    }

    @Test
    void one_mail_per_connection_when_the_relay_wants_it() throws Exception {
        SmtpConnections connections = new SmtpConnections(sender, 1);
        for (int i = 1; i <= 5; i++) {
            connections.send(mail(i));
        }
        assertThat(relay.sessions()).isEqualTo(5);
    }

    @Test
    void a_connection_the_relay_dropped_is_replaced_and_the_mail_still_goes_out_once() throws Exception {
        SmtpConnections connections = new SmtpConnections(sender, 100);
        connections.send(mail(1));
        relay.dropConnections();
        connections.send(mail(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.letterCount() == 2);
        assertThat(relay.mails()).isEqualTo(2);
        assertThat(relay.letters()).containsKeys("k1@example.com", "k2@example.com");
        assertThat(connections.opened()).isEqualTo(2);
    }

    @Test
    void the_mail_keeps_the_message_id_it_was_given() throws Exception {
        SmtpConnections connections = new SmtpConnections(sender, 100);
        MimeMessage mail = mail(1);
        mail.setHeader("Message-ID", "<fixed-1@example.com>");
        connections.send(mail);
        assertThat(mail.getMessageID()).isEqualTo("<fixed-1@example.com>");
    }

    private MimeMessage mail(int i) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("facturation@example.com");
        helper.setTo("k" + i + "@example.com");
        helper.setSubject("Passage à la facture électronique");
        helper.setText("Répondez ici : https://adoption.example.com/respond/t" + i, false);
        return message;
    }
}
