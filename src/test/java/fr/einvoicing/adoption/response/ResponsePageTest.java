package fr.einvoicing.adoption.response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The public response page, over HTTP, as customers (and everyone else on the internet) use it. */
class ResponsePageTest extends EngineTestSupport {

    @Autowired
    CustomerResponses responses;

    @Autowired
    JdbcClient jdbc;

    private record Journey(Campaign campaign, CampaignCustomer customer, String link) {}

    private Journey journey() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        return new Journey(
                campaign,
                customer(campaign, "C1"),
                onlyMailTo(settings.email("c1")).responseLink());
    }

    private static Map<String, String> form(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private String unknownLink() {
        return baseUrl() + "/respond/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    }

    @Test
    void opening_the_link_shows_the_form_and_changes_nothing() {
        Journey j = journey();
        Browserless scanner = new Browserless();
        for (int i = 0; i < 3; i++) {
            var page = scanner.get(j.link());
            assertThat(page.status()).isEqualTo(200);
        }
        var page = scanner.get(j.link());
        assertThat(page.body())
                .contains("Boulangerie C1")
                .contains("name=\"_csrf\"")
                .contains("value=\"412345670\"")
                .contains("Yooz")
                .contains("Factur-X")
                .contains("UBL")
                .contains("récapitulatif hebdomadaire")
                .contains("FR76 3000 6000 0112 3456 7890 189")
                .contains("par téléphone");
        assertThat(responses.ofCustomer(j.customer().id())).isEmpty();
        assertThat(customers.get(j.customer().id()).status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);
        assertThat(evidence.entries(j.customer().id()))
                .noneMatch(e -> e.type().name().startsWith("ANSWER"));
    }

    @Test
    void the_page_speaks_english_on_request() {
        Journey j = journey();
        var page = new Browserless().get(j.link() + "?lang=en");
        assertThat(page.body()).contains("Your answer").contains("supplier-invoice tool");
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_stores_nothing() {
        Journey j = journey();
        var browser = new Browserless();
        browser.get(j.link());
        var result = browser.post(j.link(), form("decision", "ACCEPT"));
        assertThat(result.status()).isEqualTo(403);
        assertThat(responses.ofCustomer(j.customer().id())).isEmpty();
    }

    @Test
    void field_errors_show_next_to_the_field_and_keep_what_was_typed() {
        Journey j = journey();
        var result = new Browserless()
                .answer(
                        j.link(),
                        form(
                                "decision",
                                "ACCEPT",
                                "siren",
                                "412 345 671",
                                "siret",
                                "41234567000019",
                                "usesSupplierTool",
                                "YES",
                                "supplierTool",
                                "",
                                "invoicingContactName",
                                "Léa Roux",
                                "invoicingContactEmail",
                                "not-an-email"));
        assertThat(result.status()).isEqualTo(422);
        String body = result.body();
        assertThat(body).contains("Certaines réponses sont à corriger");
        assertThat(body).containsPattern("id=\"siren-error\"[^>]*>[^<]*clé de contrôle est fausse");
        assertThat(body).containsPattern("id=\"supplierTool-error\"[^>]*>[^<]*quel outil");
        assertThat(body).containsPattern("id=\"invoicingContactEmail-error\"[^>]*>[^<]*pas valide");
        assertThat(body)
                .contains("value=\"412345671\"")
                .contains("value=\"Léa Roux\"")
                .contains("value=\"not-an-email\"");
        assertThat(responses.ofCustomer(j.customer().id())).isEmpty();
    }

    @Test
    void siret_must_belong_to_the_siren_and_la_poste_is_accepted() {
        Journey j = journey();
        var wrongCompany = new Browserless()
                .answer(j.link(), form("decision", "ACCEPT", "siren", "412345670", "siret", "73282932000074"));
        assertThat(wrongCompany.status()).isEqualTo(422);
        assertThat(wrongCompany.body()).containsPattern("id=\"siret-error\"[^>]*>[^<]*n’appartient pas");

        // La Poste's establishments do not follow the Luhn rule on the SIRET
        var laPoste = new Browserless()
                .answer(j.link(), form("decision", "ACCEPT", "siren", "356000000", "siret", "35600000049837"));
        assertThat(laPoste.status()).isEqualTo(302);
    }

    @Test
    void hostile_input_is_escaped_and_stored_verbatim_or_refused() {
        Journey j = journey();
        String script = "<script>alert('x')</script>";
        var invalid = new Browserless()
                .answer(
                        j.link(),
                        form(
                                "decision",
                                "REFUSE",
                                "refusalReason",
                                "HACKED",
                                "refusalComment",
                                script,
                                "wantedFormat",
                                "'; DROP TABLE customer_response; --",
                                "siren",
                                "41234567<b>0"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).doesNotContain(script).contains("&lt;script&gt;");
        assertThat(invalid.body()).containsPattern("id=\"refusalReason-error\"");
        assertThat(invalid.body()).containsPattern("id=\"wantedFormat-error\"");

        var tooLong =
                new Browserless().answer(j.link(), form("decision", "REFUSE", "refusalComment", "x".repeat(5000)));
        assertThat(tooLong.status()).isEqualTo(422);

        var stored = new Browserless()
                .answer(
                        j.link(),
                        form(
                                "decision",
                                "REFUSE",
                                "refusalReason",
                                "OTHER",
                                "refusalComment",
                                script + " ' OR 1=1 --"));
        assertThat(stored.status()).isEqualTo(302);
        var answer = responses.ofCustomer(j.customer().id()).get(0);
        assertThat(answer.refusalComment()).isEqualTo(script + " ' OR 1=1 --");
        assertThat(jdbc.sql("select count(*) from customer_response")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void unknown_used_and_expired_links_all_get_the_same_neutral_page() {
        Journey used = journey();
        assertThat(new Browserless()
                        .answer(used.link(), form("decision", "ACCEPT"))
                        .status())
                .isEqualTo(302);
        Journey expired = journey();

        var unknown = new Browserless().get(unknownLink());
        var garbage = new Browserless().get(baseUrl() + "/respond/..%2F..%2Fetc%2Fpasswd");
        var usedPage = new Browserless().get(used.link());
        moveClockTo(expired.customer().responseDeadline().toInstant().plus(Duration.ofDays(91)));
        var expiredPage = new Browserless().get(expired.link());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(usedPage.status()).isEqualTo(404);
        assertThat(expiredPage.status()).isEqualTo(404);
        assertThat(garbage.status()).isIn(400, 404);
        assertThat(usedPage.body()).isEqualTo(unknown.body());
        assertThat(expiredPage.body()).isEqualTo(unknown.body());
        assertThat(unknown.body()).doesNotContain("Boulangerie").doesNotContain("expir");
    }

    @Test
    void posting_to_a_used_link_changes_nothing() {
        Journey j = journey();
        var browser = new Browserless();
        var form = browser.get(j.link());
        var first = browser.post(j.link(), form("decision", "ACCEPT", "_csrf", form.csrf()));
        assertThat(first.status()).isEqualTo(302);
        var second = browser.post(j.link(), form("decision", "REFUSE", "_csrf", form.csrf()));
        assertThat(second.status()).isEqualTo(404);
        assertThat(responses.ofCustomer(j.customer().id())).singleElement().satisfies(a -> assertThat(a.accepted())
                .isTrue());
    }

    @Test
    void requests_are_rate_limited_per_client_address() {
        Browserless attacker = new Browserless("203.0.113.77");
        int limited = 0;
        for (int i = 1; i <= 1000 && limited == 0; i++) {
            // a new token each time, as someone guessing links would
            if (attacker.get(baseUrl() + "/respond/" + "A".repeat(39) + String.format("%04d", i))
                            .status()
                    == 429) {
                limited = i;
            }
        }
        // 600 a minute in tests, refilled as time passes: refused soon after the 600th
        assertThat(limited).as("request refused with 429").isBetween(601, 800);
        assertThat(new Browserless("198.51.100.5").get(unknownLink()).status())
                .as("others are not affected")
                .isEqualTo(404);
    }

    @Test
    void one_link_is_rate_limited_from_however_many_addresses() {
        Journey j = journey();
        int limited = 0;
        for (int i = 1; i <= 100 && limited == 0; i++) {
            if (new Browserless("192.0.2." + i).get(j.link()).status() == 429) {
                limited = i;
            }
        }
        // 20 a minute per link in tests
        assertThat(limited).as("the 21st request on one link is refused").isBetween(21, 30);
        assertThat(new Browserless("198.51.100.9").get(unknownLink()).status())
                .as("other links are not affected")
                .isEqualTo(404);
    }

    @Test
    void the_submission_is_kept_as_evidence_with_time_address_and_agent() {
        Journey j = journey();
        assertThat(new Browserless("192.0.2.44")
                        .answer(j.link(), form("decision", "ACCEPT"))
                        .status())
                .isEqualTo(302);
        var submitted = evidence.entries(j.customer().id()).stream()
                .filter(e -> e.type().name().equals("ANSWER_SUBMITTED"))
                .findFirst()
                .orElseThrow();
        assertThat(submitted.details())
                .contains("192.0.2.44")
                .contains("test browser")
                .contains("answerHash");
        assertThat(submitted.occurredAt().toInstant()).isEqualTo(now);
    }
}
