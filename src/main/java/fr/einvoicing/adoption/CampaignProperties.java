package fr.einvoicing.adoption;

import java.time.Period;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a deployment sets under {@code campaign.*}. Each property is documented in the README.
 *
 * @param publicBaseUrl base of the personal links printed in letters, as customers reach it
 * @param mail          sender of customer mails
 * @param mailSandbox   the SMTP sandbox inside the application (demo profile only)
 * @param response      the public response page
 * @param supplier      our own company details, default for every campaign
 * @param security      the first administrator of a production deployment
 * @param demoUsers     create the demo users (demo profile only)
 * @param taxFaqUrl     the tax administration's FAQ on e-invoicing, linked from letters that ask for it
 * @param operatorLanguage the language of Tasklist's task names, forms and shared filters ({@code fr} or
 *                      {@code en}): one per deployment, since a task's name is stored when it is created
 */
@ConfigurationProperties("campaign")
public record CampaignProperties(
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Mail mail,
        @DefaultValue MailSandbox mailSandbox,
        @DefaultValue Response response,
        @DefaultValue Supplier supplier,
        @DefaultValue Security security,
        @DefaultValue("false") boolean demoUsers,
        @DefaultValue("https://www.impots.gouv.fr/professionnel/je-passe-la-facturation-electronique") String taxFaqUrl,
        @DefaultValue("fr") String operatorLanguage) {

    public CampaignProperties {
        operatorLanguage =
                operatorLanguage == null ? "" : operatorLanguage.trim().toLowerCase(Locale.ROOT);
        if (!operatorLanguage.equals("fr") && !operatorLanguage.equals("en")) {
            throw new IllegalArgumentException("campaign.operator-language must be fr or en");
        }
    }

    /** The operators' language as a locale, for the texts the engine stores (task names, filter names). */
    public Locale operatorLocale() {
        return Locale.forLanguageTag(operatorLanguage);
    }

    /**
     * @param from               the sender of every customer mail
     * @param mailsPerConnection how many mails one SMTP connection carries before it is closed (1: a new
     *                           connection for each mail, as relays that count mails per connection want)
     */
    public record Mail(
            @DefaultValue("facturation@example.com") String from, @DefaultValue("100") int mailsPerConnection) {}

    public record MailSandbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("2525") int port,
            @DefaultValue("500") int keepLast,
            String directory) {}

    /**
     * @param requestsPerMinutePerAddress on the customer pages, per client address (one company's NAT serves many)
     * @param requestsPerMinutePerLink    on the customer pages, per personal link
     * @param lateAnswerWindow   how long after the deadline a personal link still records an answer
     * @param resendResponsePeriod time given to answer a letter resent to a corrected address or by post
     * @param minimumAnswerTime   silence counts only if the letter left at least this long before the deadline
     */
    public record Response(
            @DefaultValue("300") int requestsPerMinutePerAddress,
            @DefaultValue("20") int requestsPerMinutePerLink,
            @DefaultValue("P90D") Period lateAnswerWindow,
            @DefaultValue("P30D") Period resendResponsePeriod,
            @DefaultValue("P7D") java.time.Duration minimumAnswerTime) {}

    public record Supplier(
            @DefaultValue("") String legalName,
            @DefaultValue("") String siren,
            @DefaultValue("") String address,
            @DefaultValue("") String iban,
            @DefaultValue("") String bic,
            @DefaultValue("") String phone) {}

    /**
     * @param admin   the first administrator, created at the first start
     * @param metrics the account Prometheus scrapes {@code /actuator/prometheus} with (group monitoring), if set
     */
    public record Security(@DefaultValue Admin admin, @DefaultValue Admin metrics) {}

    public record Admin(@DefaultValue("") String username, @DefaultValue("") String password) {}

    public String publicBaseUrlWithoutSlash() {
        return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
