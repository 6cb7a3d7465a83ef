package fr.einvoicing.adoption.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the reports that receiving servers write in their own ways. */
class DeliveryStatusReportTest {

    @Test
    void a_report_carrying_the_whole_original_mail_names_its_message_id() throws Exception {
        var report = DeliveryStatusReport.read(
                        message(
                                """
                Message-ID: <report-1@mx.example>
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Delivery has failed to these recipients.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns;mx.example

                Final-Recipient: rfc822;julie@customer.example
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp;552 5.2.2 mailbox full
                --b
                Content-Type: message/rfc822

                From: facturation@example.com
                To: julie@customer.example
                Message-ID: <letter-42@example.com>
                Subject: Courrier

                Le courrier.
                --b--
                """))
                .orElseThrow();
        assertThat(report.originalMessageId()).isEqualTo("<letter-42@example.com>");
        assertThat(report.recipient()).isEqualTo("julie@customer.example");
        assertThat(report.status()).isEqualTo("5.2.2");
        assertThat(report.diagnostic()).contains("mailbox full");
        assertThat(report.reportId()).isEqualTo("<report-1@mx.example>");
    }

    @Test
    void a_delay_warning_and_an_ordinary_reply_are_not_bounces() throws Exception {
        assertThat(
                        DeliveryStatusReport.read(
                                message(
                                        """
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns;mx.example

                Final-Recipient: rfc822;julie@customer.example
                Action: delayed
                Status: 4.4.7
                --b--
                """)))
                .isEmpty();
        assertThat(
                        DeliveryStatusReport.read(
                                message(
                                        """
                Content-Type: text/plain

                Merci, bien reçu.
                """)))
                .isEmpty();
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
}
