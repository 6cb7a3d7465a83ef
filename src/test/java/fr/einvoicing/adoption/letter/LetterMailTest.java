package fr.einvoicing.adoption.letter;

import java.io.IOException;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;

/** The letter as the customer receives it from a real SMTP relay (GreenMail). */
class LetterMailTest extends EngineTestSupport {

    @Autowired
    Letters letters;

    @Autowired
    LetterChecker checker;

    @Autowired
    LetterDispatch dispatch;

    private static String pdfText(ReceivedMail mail) throws IOException {
        var pdf = mail.attachments().stream()
                .filter(a -> a.contentType().startsWith("application/pdf"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PDF attached"));
        try (PDDocument document = Loader.loadPDF(pdf.content())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void french_letter_says_everything_a_letter_must_say_and_carries_a_working_personal_link() throws IOException {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));

        ReceivedMail mail = onlyMailTo(settings.email("c1"));
        String text = mail.text().replaceAll("\\s+", " ");

        assertThat(mail.subject()).contains("facture électronique").contains("réponse avant le");
        assertThat(text)
                .contains("Bonjour Julie Martin")
                // benefits for the recipient
                .contains("Factur-X")
                .contains("Yooz")
                .contains("accès illimité")
                // delivery options
                .contains("récapitulatif quotidien")
                .contains("hebdomadaire")
                .contains("SFTP")
                .contains("portail")
                // schedule
                .contains("15 janvier 2027")
                // support: webinar date and FAQ
                .contains("webinaire")
                .contains("https://webinar.example.com/einvoicing")
                .contains("https://example.com/faq")
                // contact person
                .contains("Claire Martin")
                .contains("claire.martin@example.com")
                // deadline with its zone
                .contains(settings.deadline().getDayOfMonth() + " ")
                .contains("18h00")
                .contains("Europe/Paris")
                // silence clause and the way to keep paper
                .contains("nous considérerons que vous acceptez")
                .contains("garder des factures papier")
                // our own details and the bank-detail advice
                .contains("SIREN 732829320")
                .contains("par téléphone");
        assertThat(mail.html()).contains(mail.responseLink());
        assertThat(checker.check(mail.text(), "fr", true))
                .as("the shipped letter passes its own checker")
                .isEmpty();
        // arguments that backfire never appear: paper savings, ecology, penalties or charging for paper
        assertThat(text.toLowerCase())
                .doesNotContain(
                        "écolog",
                        "environnement",
                        "planète",
                        "rse ",
                        "moins de papier",
                        "économie de papier",
                        "pénalité",
                        "frais",
                        "sera facturé",
                        "payant");

        String pdf = pdfText(mail);
        assertThat(mail.attachments()).singleElement().satisfies(a -> assertThat(a.fileName())
                .endsWith(".pdf"));
        assertThat(pdf)
                .contains("Boulangerie C1")
                .contains("18h00")
                .contains("nous considérerons que vous acceptez")
                .contains("/respond/");

        // the link opens the customer's own page, which changes nothing on GET
        var page = new Browserless().get(mail.responseLink());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Julie Martin")
                .contains("Atelier Dupont Distribution SAS")
                .contains("732829320");
        assertThat(page.body()).doesNotContain("name=\"iban\"");

        // content hash and template version are kept as evidence
        CampaignCustomer customer = customer(campaign, "C1");
        Letter letter = letters.latestLetter(customer.id()).orElseThrow();
        assertThat(letter.contentHash()).matches("[0-9a-f]{64}");
        assertThat(letter.templateVersion()).startsWith("standard/letter_fr@");
        var rendered = evidence.entries(customer.id()).stream()
                .filter(e -> e.type() == EvidenceType.LETTER_RENDERED)
                .findFirst()
                .orElseThrow();
        assertThat(rendered.details()).contains(letter.contentHash()).contains(letter.templateVersion());
        assertThat(text).as("the token is in the mail, never in the evidence").contains(mail.responseLink());
        evidence.entries(customer.id()).forEach(e -> assertThat(e.details())
                .doesNotContain(
                        mail.responseLink().substring(mail.responseLink().lastIndexOf('/') + 1)));
    }

    @Test
    void english_letter_for_an_english_speaking_customer() throws IOException {
        TestCampaign settings = campaign();
        var line = customerLine(settings, "EN", "sme");
        launch(
                settings,
                new CustomerLine(
                        line.id(), "Nordic Parts Ltd", "Emma Larsen", line.email(), "", "", "en", "sme", "anna"));

        ReceivedMail mail = onlyMailTo(settings.email("en"));
        String text = mail.text().replaceAll("\\s+", " ");
        assertThat(mail.subject()).contains("going electronic").contains("please answer by");
        assertThat(text)
                .contains("Dear Emma Larsen")
                .contains("webinar")
                .contains("we will consider that you accept")
                .doesNotContain("Bonjour");
        assertThat(pdfText(mail)).contains("Nordic Parts Ltd");
        assertThat(checker.check(mail.text(), "en", true))
                .as("the shipped letter passes its own checker")
                .isEmpty();
    }

    @Test
    void a_retried_send_never_sends_a_second_mail() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        CampaignCustomer customer = customer(campaign, "C1");
        Letter letter = letters.latestLetter(customer.id()).orElseThrow();

        // the engine runs the send again (a crash after SMTP said yes, before the job's commit)
        var again = dispatch.sendLetter(letter.id());

        assertThat(again.delivered()).isTrue();
        assertThat(mailsTo(settings.email("c1"))).hasSize(1);
        assertThat(evidenceTypes(customer).stream().filter(t -> t == EvidenceType.LETTER_SENT))
                .hasSize(1);
    }

    @Test
    void an_answer_given_while_the_letter_is_still_being_sent_is_not_lost() {
        TestCampaign settings = campaign();
        Campaign campaign = startJourneys(settings, customerLine(settings, "C1", "sme"));
        // the mail is out, but the journey has not reached its wait for the answer yet
        runJobsUntil(() -> !mailsTo(settings.email("c1")).isEmpty());
        assertThat(runtimeService
                        .createEventSubscriptionQuery()
                        .eventType("message")
                        .eventName(fr.einvoicing.adoption.process.CustomerAdoptionProcess.MESSAGE_RESPONSE_RECEIVED)
                        .processInstanceId(processInstanceId(customer(campaign, "C1")))
                        .count())
                .isZero();

        var page =
                new Browserless().answer(onlyMailTo(settings.email("c1")).responseLink(), Map.of("decision", "ACCEPT"));
        assertThat(page.status()).as("the customer is thanked").isEqualTo(302);

        runJobs();
        relay.relayPending();

        assertThat(customer(campaign, "C1").status().name()).isEqualTo("ACCEPTED_EXPLICITLY");
        assertThat(history(customer(campaign, "C1")).getEndActivityId())
                .isEqualTo(fr.einvoicing.adoption.process.CustomerAdoptionProcess.END_ACCEPTED_EXPLICITLY);
    }
}
