package fr.einvoicing.adoption.letter;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.einvoicing.adoption.letter.LetterChecker.Finding;
import fr.einvoicing.adoption.letter.LetterChecker.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class LetterCheckerTest {

    private final LetterChecker checker = new LetterChecker();

    private static final String GOOD_FR =
            """
            Bonjour Julie Martin,
            Nos factures s’adaptent à votre outil de traitement des factures fournisseurs (Yooz, Pennylane…).
            Chaque facture est disponible au format Factur-X.
            Un espace en ligne vous donne un accès illimité à toutes vos factures.
            Vous choisissez : à chaque facture, en récapitulatif quotidien ou hebdomadaire, par dépôt SFTP, ou sur le portail.
            Calendrier : vos premières factures électroniques à partir du 15 janvier 2027.
            Accompagnement : un webinaire et un guide avec les questions fréquentes.
            Votre contact : Claire Martin.
            Votre réponse avant le jeudi 31 décembre 2026.
            Sans réponse de votre part à cette date, nous considérerons que vous acceptez. Vous pouvez garder des factures papier.
            """;

    private List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void a_letter_that_says_everything_and_avoids_the_traps_is_clean() {
        assertThat(checker.check(GOOD_FR, "fr", true)).isEmpty();
    }

    @Test
    void each_missing_element_is_named() {
        assertThat(ids(checker.check(GOOD_FR.replace("Factur-X", "PDF"), "fr", true)))
                .containsExactly("benefit-facturx");
        assertThat(ids(checker.check(GOOD_FR.replace("webinaire", "rendez-vous"), "fr", true)))
                .containsExactly("support");
        assertThat(ids(checker.check(GOOD_FR.replace("Votre contact : Claire Martin.", ""), "fr", true)))
                .containsExactly("contact");
        assertThat(ids(checker.check(GOOD_FR.replace("hebdomadaire", ""), "fr", true)))
                .containsExactly("delivery-options");
        assertThat(ids(checker.check(GOOD_FR.replace("avant le", "le"), "fr", true)))
                .containsExactly("deadline");
        assertThat(ids(checker.check(GOOD_FR.replace("(Yooz, Pennylane…)", ""), "fr", true)))
                .containsExactly("benefit-own-tool");
        assertThat(ids(checker.check(GOOD_FR.replace("illimité", "pratique"), "fr", true)))
                .containsExactly("benefit-online-space");
        assertThat(ids(checker.check(
                        GOOD_FR.replace(
                                "Calendrier : vos premières factures électroniques à partir du 15 janvier 2027.", ""),
                        "fr",
                        true)))
                .containsExactly("schedule");
    }

    @Test
    void tacit_acceptance_wording_is_required_only_when_silence_counts() {
        String withoutSilence =
                GOOD_FR.replace("Sans réponse de votre part à cette date, nous considérerons que vous acceptez.", "");
        assertThat(ids(checker.check(withoutSilence, "fr", true))).containsExactly("tacit-acceptance");
        assertThat(checker.check(withoutSilence, "fr", false)).isEmpty();
    }

    @Test
    void an_information_letter_must_say_why_nothing_is_asked_and_must_not_ask_for_consent() {
        String information = GOOD_FR.replace(
                "Sans réponse de votre part à cette date, nous considérerons que vous acceptez. Vous pouvez garder des factures papier.",
                "La facture électronique est obligatoire entre nos entreprises : il n’y a rien à accepter.");
        assertThat(checker.check(information, "fr", LetterKind.INFORMATION, true))
                .isEmpty();
        assertThat(ids(checker.check(information, "fr", LetterKind.LETTER, true)))
                .as("a consent letter needs the tacit-acceptance wording, not the compulsory one")
                .containsExactly("tacit-acceptance");

        var consentWording = checker.check(
                GOOD_FR.replace(
                        "Votre contact",
                        "La facture électronique est obligatoire, " + "il n’y a rien à accepter. Votre contact"),
                "fr",
                LetterKind.INFORMATION,
                true);
        assertThat(consentWording).extracting(Finding::ruleId).containsOnly("avoid-consent-wording-when-compulsory");
        assertThat(consentWording.get(0).sentence()).contains("considérerons que vous acceptez");

        assertThat(ids(checker.check(information.replace("obligatoire", "prévue"), "fr", LetterKind.INFORMATION, true)))
                .containsExactly("compulsory-not-asked");
    }

    @Test
    void each_argument_to_avoid_is_reported_with_the_sentence_that_uses_it() {
        var paper = checker.check(GOOD_FR + "Ensemble, utilisons moins de papier.", "fr", true);
        assertThat(paper).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.AVOID);
            assertThat(f.ruleId()).isEqualTo("avoid-paper-saving");
            assertThat(f.sentence()).isEqualTo("Ensemble, utilisons moins de papier.");
            assertThat(f.why()).contains("printing costs");
        });
        assertThat(ids(checker.check(GOOD_FR + "C’est un geste pour la planète.", "fr", true)))
                .containsExactly("avoid-ecology");
        assertThat(ids(checker.check(GOOD_FR + "Notre démarche RSE nous y engage.", "fr", true)))
                .containsExactly("avoid-ecology");
        assertThat(ids(checker.check(
                        GOOD_FR + "Les factures papier seront désormais facturées des frais de gestion.", "fr", true)))
                .contains("avoid-threat");
        assertThat(ids(checker.check(GOOD_FR + "Des pénalités s’appliqueront aux retardataires.", "fr", true)))
                .containsExactly("avoid-threat");
    }

    @Test
    void english_letters_are_read_with_the_english_phrases() {
        String good =
                """
                Dear Emma, our invoices adapt to your supplier-invoice tool (Yooz, Pennylane...). Every invoice as Factur-X.
                An online space gives you unlimited access. Each invoice, a daily or weekly digest, an SFTP drop.
                Schedule: your first electronic invoices from 15 January 2027. Support: a webinar and a FAQ.
                Your contact: Claire. Your answer by Thursday 31 December 2026.
                If we have no answer from you by then, we will consider that you accept. You can keep paper invoices.
                """;
        assertThat(checker.check(good, "en", true)).isEmpty();
        assertThat(checker.check(good + " Going paperless is good for the planet.", "en", true))
                .extracting(Finding::ruleId)
                .contains("avoid-paper-saving", "avoid-ecology");
        assertThat(ids(checker.check(good + " Paper invoices will be charged a fee.", "en", true)))
                .contains("avoid-threat");
    }

    @Test
    void each_finding_is_worded_in_french_for_a_french_reader_and_in_english_otherwise() {
        var findings = checker.check(
                "Bonjour. Moins de papier pour la planète, sinon des pénalités.", "fr", LetterKind.LETTER, true);
        assertThat(findings).hasSizeGreaterThan(5).allSatisfy(f -> {
            assertThat(f.nameIn(java.util.Locale.FRENCH)).isNotBlank().isNotEqualTo(f.name());
            assertThat(f.nameIn(java.util.Locale.ENGLISH)).isEqualTo(f.name());
            if (f.kind() == LetterChecker.Kind.AVOID) {
                assertThat(f.whyIn(java.util.Locale.FRENCH)).isNotBlank().isNotEqualTo(f.why());
            }
        });
        assertThat(findings)
                .extracting(f -> f.nameIn(java.util.Locale.FRENCH))
                .contains("Qui contacter", "Menacer ceux qui refusent ou faire payer le papier");
    }
}
