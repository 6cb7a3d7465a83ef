package fr.einvoicing.adoption.campaign;

import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's settings have one shape: what the page or the API gives is what the table keeps and
 * what the letters read. A new setting is a component of {@link CampaignSettings}, a field of the
 * creation page and a column; these tests fail when one of the three is missing.
 */
class CampaignSettingsTest extends EngineTestSupport {

    /** Settings the creation page asks for in other words (an amount and a unit for the reminder). */
    private static final Map<String, Set<String>> PAGE_FIELDS_FOR =
            Map.of("reminderBefore", Set.of("reminderAmount", "reminderUnit"));

    @Autowired
    CampaignCreation creation;

    @Autowired
    Campaigns campaigns;

    @Autowired
    WebinarSessions sessions;

    @Test
    void every_setting_given_is_the_setting_stored() throws Exception {
        String code = campaign().code();
        CampaignSettings given = new CampaignSettings(
                code,
                "Passage à la facture électronique, vague 2",
                "en",
                LocalDateTime.of(2027, 3, 31, 17, 30),
                "Europe/Paris",
                Duration.ofHours(36),
                false,
                LocalDate.of(2027, 9, 1),
                // summer time in Paris, winter time at the deadline: each read in its own offset
                LocalDateTime.of(2026, 12, 15, 11, 0),
                "https://webinar.example.com/wave-2",
                "https://example.com/faq-2",
                false,
                "Marc Petit",
                "marc.petit@example.com",
                "+33 4 72 00 00 00",
                "CGV-2027-01",
                "https://example.com/cgv-2027",
                "Atelier Dupont Services SAS",
                "552100554",
                "3 place Bellecour, 69002 Lyon",
                "FR7630006000011234567890189",
                "AGRIFRPP",
                "+33 4 72 11 11 11",
                List.of(LocalDateTime.of(2027, 1, 12, 14, 0)),
                250,
                IssuerSize.MICRO,
                "short");
        assertThat(Arrays.stream(CampaignSettings.class.getRecordComponents())
                        .filter(c -> value(given, c) == null)
                        .map(RecordComponent::getName))
                .as("settings this test leaves empty (give each one a value)")
                .isEmpty();

        var created = createdByClaire(given);

        Campaign stored = campaigns.get(created.campaign().id());
        assertThat(stored.settings())
                .usingRecursiveComparison()
                .ignoringFields("moreWebinarSessions")
                .isEqualTo(given);
        assertThat(stored.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(stored.createdBy()).isEqualTo("claire");
        assertThat(sessions.ofCampaign(stored.id()))
                .extracting(s -> s.startsAt().atZoneSameInstant(given.zone()).toLocalDateTime())
                .containsExactly(given.webinarAt(), given.moreWebinarSessions().get(0));
    }

    @Test
    void settings_left_empty_take_the_deployments_defaults_when_stored() throws Exception {
        CampaignSettings given = campaign().toSettings();
        var created = createdByClaire(given);

        CampaignSettings stored = campaigns.get(created.campaign().id()).settings();
        assertThat(stored.supplierLegalName()).isEqualTo("Atelier Dupont Distribution SAS");
        assertThat(stored.supplierSiren()).isEqualTo("732829320");
        assertThat(stored.issuerSize()).isEqualTo(IssuerSize.SME);
        assertThat(stored.letterTemplate()).isEqualTo(LetterTemplateSets.DEFAULT);
        assertThat(stored.lettersPerHour()).isNull();
    }

    @Test
    void the_creation_page_has_a_field_for_every_setting() throws Exception {
        String page = Files.readString(Path.of("src/main/resources/templates/campaigns/new.html"));
        for (RecordComponent component : CampaignSettings.class.getRecordComponents()) {
            for (String field : PAGE_FIELDS_FOR.getOrDefault(component.getName(), Set.of(component.getName()))) {
                assertThat(page).as("the creation page's field " + field).contains("name=\"" + field + "\"");
                assertThat(Arrays.stream(CampaignForm.class.getMethods()).map(m -> m.getName()))
                        .as("CampaignForm's setter for " + field)
                        .contains("set" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
            }
        }
    }

    /** A draft campaign of one customer with these settings, created as the page or the API creates it. */
    private CampaignCreation.Created createdByClaire(CampaignSettings settings) throws Exception {
        String file = "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                + "A1;Entreprise A1;Contact;a1@customer.example;412345670;41234567000019;fr;sme;anna\n";
        return creation.create(
                settings, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "claire", n -> {}, false);
    }

    private static Object value(CampaignSettings settings, RecordComponent component) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
