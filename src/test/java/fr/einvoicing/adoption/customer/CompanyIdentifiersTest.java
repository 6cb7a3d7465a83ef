package fr.einvoicing.adoption.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyIdentifiersTest {

    @Test
    void siren_follows_the_luhn_rule() {
        assertThat(CompanyIdentifiers.isValidSiren("732829320")).isTrue();
        assertThat(CompanyIdentifiers.isValidSiren("732829321")).isFalse();
        assertThat(CompanyIdentifiers.isValidSiren("73282932")).isFalse();
        assertThat(CompanyIdentifiers.isValidSiren("73282932a")).isFalse();
    }

    @Test
    void siret_follows_luhn_except_for_la_poste_establishments() {
        assertThat(CompanyIdentifiers.isValidSiret("41234567000019")).isTrue();
        assertThat(CompanyIdentifiers.isValidSiret("41234567000018")).isFalse();
        // La Poste: the digit sum is a multiple of 5, whatever Luhn says
        assertThat(CompanyIdentifiers.isValidSiret("35600000049837")).isTrue();
        assertThat(CompanyIdentifiers.isValidSiret("35600000049838")).isFalse();
        // its head office also passes Luhn
        assertThat(CompanyIdentifiers.isValidSiret("35600000000048")).isTrue();
    }

    @Test
    void french_iban_is_checked_by_mod_97() {
        assertThat(CompanyIdentifiers.isValidFrenchIban("FR7630006000011234567890189"))
                .isTrue();
        assertThat(CompanyIdentifiers.isValidFrenchIban("FR76 3000 6000 0112 3456 7890 189"))
                .isTrue();
        assertThat(CompanyIdentifiers.isValidFrenchIban("FR7630006000011234567890188"))
                .isFalse();
    }
}
