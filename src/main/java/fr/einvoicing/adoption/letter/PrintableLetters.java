package fr.einvoicing.adoption.letter;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * The customer's latest letter as a PDF to print and post, with a fresh personal link printed in
 * it. The link is issued for this print only and is not kept anywhere but on the paper.
 */
@Service
public class PrintableLetters {

    private final Letters letters;
    private final ResponseTokens tokens;
    private final PdfRenderer pdf;
    private final CampaignProperties properties;
    private final Clock clock;

    public PrintableLetters(
            Letters letters, ResponseTokens tokens, PdfRenderer pdf, CampaignProperties properties, Clock clock) {
        this.letters = letters;
        this.tokens = tokens;
        this.pdf = pdf;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public byte[] printable(long customerRef) {
        Letter letter = letters.latestLetter(customerRef)
                .orElseThrow(() -> new IllegalStateException("No letter was prepared for this customer yet"));
        OffsetDateTime expiry = letter.responseDeadline()
                .plus(properties.response().resendResponsePeriod())
                .plus(properties.response().lateAnswerWindow());
        if (expiry.isBefore(OffsetDateTime.now(clock))) {
            expiry = OffsetDateTime.now(clock).plus(properties.response().lateAnswerWindow());
        }
        var token = tokens.issue(customerRef, TokenPurpose.RESPONSE, expiry);
        return pdf.render(letter.htmlWithLink(tokens.link(token.raw())));
    }
}
