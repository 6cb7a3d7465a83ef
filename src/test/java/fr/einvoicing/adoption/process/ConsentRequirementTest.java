package fr.einvoicing.adoption.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.IssuerSize;
import fr.einvoicing.adoption.consent.EvidenceEntry;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.ConsentMode;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.letter.LetterKind;
import fr.einvoicing.adoption.letter.LetterReview;
import fr.einvoicing.adoption.response.CustomerResponses;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a customer's consent is asked at all (consent-requirement.dmn), and the information path
 * for those whose e-invoicing is compulsory: the letter they get, the page they see, the outcome.
 * The engine clock stands at 2 November 2026: large and mid-size issuers are under the obligation,
 * SMEs and micro-companies not yet.
 */
class ConsentRequirementTest extends EngineTestSupport {

    @Autowired
    DecisionService decisions;

    @Autowired
    CustomerResponses responses;

    @Autowired
    LetterReview letterReview;

    private final Browserless customerBrowser = new Browserless();

    @ParameterizedTest(name = "{0} issuer on {1}, customer {2} VAT={3} public={4}: {5}")
    @CsvSource({
        "LARGE,    2026-11-30, FR, true,  false, INFORM_ONLY",
        "MID_SIZE, 2026-09-01, FR, true,  false, INFORM_ONLY",
        "LARGE,    2026-08-31, FR, true,  false, CONSENT",
        "SME,      2026-11-30, FR, true,  false, CONSENT",
        "SME,      2027-08-31, FR, true,  false, CONSENT",
        "SME,      2027-09-01, FR, true,  false, INFORM_ONLY",
        "MICRO,    2027-09-01, FR, true,  false, INFORM_ONLY",
        "LARGE,    2026-11-30, BE, true,  false, CONSENT",
        "MICRO,    2028-01-01, DE, true,  false, CONSENT",
        "LARGE,    2026-11-30, FR, false, false, CONSENT",
        "SME,      2026-11-30, FR, true,  true,  INFORM_ONLY",
    })
    void the_decision_table_follows_the_reform_dates(
            String issuerSize,
            String sendDate,
            String country,
            boolean vatRegistered,
            boolean publicEntity,
            String expected) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("issuerSize", issuerSize);
        inputs.put("sendDate", sendDate);
        inputs.put("customerCountry", country);
        inputs.put("vatRegistered", vatRegistered);
        inputs.put("publicEntity", publicEntity);
        var result = decisions
                .evaluateDecisionTableByKey("consent-requirement", inputs)
                .getSingleResult();
        assertThat((String) result.getEntry("consentMode")).isEqualTo(expected);
        assertThat((String) result.getEntry("legalBasis"))
                .as("the basis kept as evidence")
                .isNotBlank();
    }

    @Test
    void a_large_issuer_informs_french_customers_and_asks_consent_abroad() {
        TestCampaign settings = campaign().issuerSize(IssuerSize.LARGE);
        Campaign campaign = launch(
                settings,
                customerLine(settings, "FR1", "sme"),
                customerLine(settings, "BE1", "sme").consentFacts("BE", "yes", "no"));

        CampaignCustomer french = customer(campaign, "FR1");
        assertThat(french.consentMode()).isEqualTo(ConsentMode.INFORM_ONLY);
        ReceivedMail information = onlyMailTo(settings.email("fr1"));
        assertThat(information.subject()).contains("vos informations de facturation avant le");
        assertThat(information.text().replaceAll("\\s+", " "))
                .contains("obligatoire", "il n’y a donc pas d’accord à nous donner")
                .doesNotContain("considérerons que vous acceptez");
        assertThat(information.attachments())
                .as("the printable PDF goes with it too")
                .hasSize(1);
        EvidenceEntry decided = evidence.entries(french.id()).stream()
                .filter(e -> e.type() == EvidenceType.CONSENT_REQUIREMENT_DECIDED)
                .findFirst()
                .orElseThrow();
        assertThat(decided.summary()).startsWith("Information only, no consent asked: Large or mid-size issuer");
        assertThat(decided.details())
                .contains("\"issuerSize\":\"LARGE\"", "\"customerCountry\":\"FR\"", "\"sendDate\":\"2026-11-02\"");

        CampaignCustomer belgian = customer(campaign, "BE1");
        assertThat(belgian.consentMode()).isEqualTo(ConsentMode.CONSENT);
        assertThat(onlyMailTo(settings.email("be1")).subject()).contains("votre réponse avant le");
        assertThat(evidence.entries(belgian.id()).stream()
                        .filter(e -> e.type() == EvidenceType.CONSENT_REQUIREMENT_DECIDED)
                        .findFirst()
                        .orElseThrow()
                        .summary())
                .contains("Customer outside France");
    }

    @Test
    void informed_customer_gives_routing_details_on_a_page_without_accept_or_refuse() {
        TestCampaign settings = campaign().issuerSize(IssuerSize.MID_SIZE);
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        String link = onlyMailTo(settings.email("c1")).responseLink();

        var page = customerBrowser.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Il n’y a rien à accepter ni à refuser")
                .doesNotContain("value=\"ACCEPT\"")
                .doesNotContain("value=\"REFUSE\"");

        // whatever a crafted request says, an information letter's answer is routing details
        var result = customerBrowser.answer(
                link,
                Map.of(
                        "decision",
                        "REFUSE",
                        "refusalReason",
                        "PREFER_PAPER",
                        "usesSupplierTool",
                        "YES",
                        "supplierTool",
                        "YOOZ",
                        "wantedFormat",
                        "UBL",
                        "deliveryMode",
                        "SFTP",
                        "siren",
                        "412345670",
                        "siret",
                        "41234567000019"));
        assertThat(result.status()).isEqualTo(302);
        assertThat(customerBrowser
                        .get(baseUrl() + result.location().replaceFirst("^https?://[^/]+", ""))
                        .body())
                .contains("Vos informations sont enregistrées");

        CampaignCustomer customer = customer(campaign, "C1");
        assertThat(customer.status()).isEqualTo(CustomerStatus.INFORMED);
        var answer = responses.ofCustomer(customer.id()).get(0);
        assertThat(answer.decision()).isEqualTo("DETAILS");
        assertThat(answer.refusalReason()).isNull();
        assertThat(answer.supplierTool()).isEqualTo("YOOZ");
        assertThat(evidenceTypes(customer))
                .contains(EvidenceType.CUSTOMER_INFORMED)
                .doesNotContain(EvidenceType.CONSENT_EXPLICIT, EvidenceType.REFUSAL_RECEIVED);
        assertThat(history(customer).getEndActivityId()).isEqualTo(CustomerAdoptionProcess.END_INFORMED);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId(customer))
                        .activityId(CustomerAdoptionProcess.SUBPROCESS_AWAIT_RESPONSE)
                        .count())
                .as("no consent wait")
                .isZero();
    }

    @Test
    void informed_customer_who_stays_silent_is_informed_at_the_date_without_reminder() {
        TestCampaign settings = campaign().issuerSize(IssuerSize.LARGE).reminderBefore(Duration.ofDays(7));
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));

        moveClockTo(settings.deadline().minusDays(3).toInstant());
        runJobs();
        assertThat(mailsTo(settings.email("c1")))
                .as("no reminder: nothing to accept")
                .hasSize(1);
        assertThat(customer(campaign, "C1").status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);

        moveClockTo(settings.deadline().plusMinutes(1).toInstant());
        runJobs();
        CampaignCustomer customer = customer(campaign, "C1");
        assertThat(customer.status()).isEqualTo(CustomerStatus.INFORMED);
        assertThat(customer.status().isSettled()).isTrue();
        assertThat(evidenceTypes(customer))
                .contains(EvidenceType.CUSTOMER_INFORMED)
                .doesNotContain(EvidenceType.CONSENT_TACIT);
        assertThat(history(customer).getEndActivityId()).isEqualTo(CustomerAdoptionProcess.END_INFORMED);
    }

    @Test
    void letter_check_reads_both_letters_when_the_campaign_has_both_kinds_of_customer() {
        TestCampaign settings = campaign().issuerSize(IssuerSize.SME);
        Campaign campaign = startJourneys(
                settings,
                customerLine(settings, "P1", "public").consentFacts("FR", "yes", "yes"),
                customerLine(settings, "C1", "sme"));

        var checks = letterReview.review(campaigns.get(campaign.id()));
        assertThat(checks)
                .extracting(LetterReview.Checked::kind)
                .containsExactly(LetterKind.LETTER, LetterKind.LETTER, LetterKind.INFORMATION, LetterKind.INFORMATION);
        assertThat(checks)
                .allSatisfy(c -> assertThat(c.findings()).as(c.title()).isEmpty());
    }

    @Test
    void a_short_letter_template_set_is_sent_when_the_campaign_chooses_it() {
        TestCampaign settings = campaign().letterTemplate("short");
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));

        ReceivedMail letter = onlyMailTo(settings.email("c1"));
        assertThat(letter.text()).contains("En bref");
        var rendered = evidence.entries(customer(campaign, "C1").id()).stream()
                .filter(e -> e.type() == EvidenceType.LETTER_RENDERED)
                .findFirst()
                .orElseThrow();
        assertThat(rendered.details()).contains("short/letter_fr@");
        assertThat(letterReview.review(campaigns.get(campaign.id())))
                .allSatisfy(c -> assertThat(c.findings()).as(c.title()).isEmpty());
    }
}
