package fr.einvoicing.adoption.followup;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.followup.RegistryComparison.CompanyToCheck;
import fr.einvoicing.adoption.followup.RegistryComparison.Finding;
import fr.einvoicing.adoption.followup.RegistryComparison.Problem;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison rules alone, on registry answers shaped like the public API's. */
class RegistryComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode answer(String siren, String name, String state, String siret, String siretState)
            throws Exception {
        return JSON.readTree(
                """
                {"results": [{"siren": "%s", "nom_raison_sociale": "%s", "etat_administratif": "%s",
                  "matching_etablissements": [{"siret": "%s", "etat_administratif": "%s"}]}]}"""
                        .formatted(siren, name, state, siret, siretState));
    }

    private static CompanyToCheck company(String query, String name) {
        return new CompanyToCheck(7, query, name, false, false);
    }

    @Test
    void an_open_company_under_its_own_name_matches() throws Exception {
        var comparison = RegistryComparison.compare(
                company("41234567000019", "Boulangerie Martin SARL"),
                answer("412345670", "BOULANGERIE MARTIN", "A", "41234567000019", "A"));
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.outcome()).isEqualTo(RegistryComparison.MATCHES);
        assertThat(comparison.registrySiret()).isEqualTo("41234567000019");
        assertThat(comparison.nameMatches()).isTrue();
    }

    @Test
    void each_mismatch_is_a_finding_with_the_values_it_names() throws Exception {
        var comparison = RegistryComparison.compare(
                new CompanyToCheck(7, "41234567000019", "Transports Leroy", true, true),
                answer("412345670", "BOULANGERIE MARTIN", "C", "41234567000019", "F"));
        assertThat(comparison.outcome()).isEqualTo(RegistryComparison.NEEDS_REVIEW);
        assertThat(comparison.problems())
                .containsExactly(
                        new Problem(Finding.COMPANY_CLOSED, List.of()),
                        new Problem(Finding.ESTABLISHMENT_CLOSED, List.of("41234567000019")),
                        new Problem(Finding.NAME_DIFFERS, List.of("Transports Leroy", "BOULANGERIE MARTIN")),
                        new Problem(Finding.IDENTIFIERS_CHANGED, List.of()),
                        new Problem(Finding.OTHER_INVOICING_CONTACT, List.of()));
    }

    @Test
    void an_unknown_number_an_unlisted_establishment_and_no_number_at_all_are_reviewed() throws Exception {
        assertThat(RegistryComparison.compare(company("999999999", "X"), JSON.readTree("{\"results\": []}"))
                        .problems())
                .containsExactly(new Problem(Finding.UNKNOWN_TO_REGISTRY, List.of("999999999")));
        assertThat(RegistryComparison.compare(
                                company("41234567000027", "Boulangerie Martin"),
                                answer("412345670", "BOULANGERIE MARTIN", "A", "41234567000019", "A"))
                        .problems())
                .containsExactly(new Problem(Finding.ESTABLISHMENT_NOT_LISTED, List.of("41234567000027")));
        var none = RegistryComparison.compare(company(null, "X"), JSON.readTree("{}"));
        assertThat(none.found()).isFalse();
        assertThat(none.problems()).extracting(Problem::finding).containsExactly(Finding.NO_IDENTIFIER);
    }

    @Test
    void names_match_whatever_the_case_accents_punctuation_and_legal_form() {
        assertThat(RegistryComparison.namesMatch(
                        "Société Générale d’Équipement S.A.S.", "SOCIETE GENERALE D'EQUIPEMENT"))
                .isTrue();
        assertThat(RegistryComparison.namesMatch("Transports Leroy", "TRANSPORTS MARTIN"))
                .isFalse();
        assertThat(RegistryComparison.namesMatch(null, "CABINET DUBOIS")).isFalse();
    }
}
