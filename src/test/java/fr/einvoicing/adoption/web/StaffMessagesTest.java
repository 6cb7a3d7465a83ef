package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.einvoicing.adoption.campaign.CampaignStatus;
import fr.einvoicing.adoption.campaign.IssuerSize;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.letter.LetterKind;
import fr.einvoicing.adoption.response.AnswerChoices;
import fr.einvoicing.adoption.security.Groups;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles: every key in both languages, every key the staff templates name exists, every
 * status, evidence type and answer code has its words, and no message with arguments carries a straight
 * apostrophe (MessageFormat would swallow it and the text after it).
 */
class StaffMessagesTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staff", "response"})
    void every_key_exists_in_french_and_in_english(String bundle) throws IOException {
        Set<String> english = new TreeSet<>(load(bundle + ".properties").stringPropertyNames());
        Set<String> french = new TreeSet<>(load(bundle + "_fr.properties").stringPropertyNames());
        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(french);
        Set<String> onlyFrench = new TreeSet<>(french);
        onlyFrench.removeAll(english);
        assertThat(onlyEnglish)
                .as("keys missing from " + bundle + "_fr.properties")
                .isEmpty();
        assertThat(onlyFrench).as("keys missing from " + bundle + ".properties").isEmpty();
        for (String key : english) {
            assertThat(load(bundle + "_fr.properties").getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void every_key_the_staff_templates_name_exists() throws IOException {
        Properties english = load("staff.properties");
        Properties french = load("staff_fr.properties");
        Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)[}(]");
        Set<String> used = new TreeSet<>();
        for (Path template : staffTemplates()) {
            Matcher m = literal.matcher(Files.readString(template));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).as("keys named in the staff templates").hasSizeGreaterThan(150);
        for (String key : used) {
            assertThat(english.getProperty(key)).as(key + " in English").isNotNull();
            assertThat(french.getProperty(key)).as(key + " in French").isNotNull();
        }
    }

    @Test
    void every_code_the_pages_show_has_its_words() throws IOException {
        List<String> keys = new ArrayList<>();
        Stream.of(CustomerStatus.values()).forEach(s -> keys.add("status." + s.name()));
        Stream.of(CampaignStatus.values()).forEach(s -> keys.add("campaignStatus." + s.name()));
        Stream.of(IssuerSize.values()).forEach(s -> keys.add("issuer." + s.name()));
        Stream.of(EvidenceType.values()).forEach(t -> keys.add("evidence." + t.name()));
        Stream.of(fr.einvoicing.adoption.customer.ImportReason.values())
                .forEach(r -> keys.add("importReason." + r.name()));
        Stream.of(fr.einvoicing.adoption.customer.FileRefusal.values()).forEach(r -> keys.add(r.messageKey()));
        Groups.OPERATORS.forEach(g -> keys.add("group." + g));
        for (var codes : List.of(
                AnswerChoices.REFUSAL_REASONS,
                AnswerChoices.SUPPLIER_TOOLS,
                AnswerChoices.FORMATS,
                AnswerChoices.DELIVERY_MODES,
                List.of("NONE", "NOT_SAID", "NOT_GIVEN"))) {
            codes.forEach(code -> keys.add("answer." + code));
        }
        for (LetterKind kind : LetterKind.values()) {
            keys.add("letter.title." + kind.name() + ".fr");
            keys.add("letter.title." + kind.name() + ".en");
        }
        for (String bar : List.of(
                "customers",
                "delivered",
                "refusedByMailServer",
                "answered",
                "acceptedExplicitly",
                "acceptedTacitly",
                "refused",
                "notReached",
                "informed",
                "pending")) {
            keys.add("funnel." + bar);
        }
        Properties english = load("staff.properties");
        Properties french = load("staff_fr.properties");
        for (String key : keys) {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(french.getProperty(key)).as(key).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staff.properties", "staff_fr.properties"})
    void no_message_with_arguments_has_a_straight_apostrophe(String file) throws IOException {
        Properties messages = load(file);
        List<String> broken = new ArrayList<>();
        for (String key : messages.stringPropertyNames()) {
            String value = messages.getProperty(key);
            if (value.matches("(?s).*\\{\\d.*") && value.contains("'")) {
                broken.add(key);
            }
        }
        assertThat(broken).as("use ’ (or '') in these messages").isEmpty();
    }

    /** Tasklist, Cockpit, Admin and the welcome page get our French locale; Camunda's English one is the reference. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void camunda_webapp_has_every_label_of_its_english_locale_in_french(String app) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String base = "META-INF/resources/webjars/camunda/app/" + app + "/";
        var english = json.readTree(stripBom(getClass().getClassLoader().getResource(base + "locales/en.json")));
        var french = json.readTree(Files.readString(Path.of("src/main/resources/" + base + "locales/fr.json")));
        Set<String> missing = new TreeSet<>();
        Set<String> placeholdersDiffer = new TreeSet<>();
        english.get("labels").fields().forEachRemaining(label -> {
            var translated = french.get("labels").get(label.getKey());
            if (translated == null
                    || translated.asText().isBlank()
                            && !label.getValue().asText().isBlank()) {
                missing.add(label.getKey());
            } else if (!placeholders(label.getValue().asText()).equals(placeholders(translated.asText()))) {
                placeholdersDiffer.add(label.getKey());
            }
        });
        assertThat(missing)
                .as(app + " labels of Camunda's en.json missing from our fr.json")
                .isEmpty();
        assertThat(placeholdersDiffer)
                .as(app + " labels whose {{placeholders}} differ from the English")
                .isEmpty();
        if (english.has("dateLocales")) {
            english.get("dateLocales").fieldNames().forEachRemaining(key -> assertThat(
                            french.get("dateLocales").has(key))
                    .as(app + " dateLocales." + key)
                    .isTrue());
        }
        assertThat(Files.readString(Path.of("src/main/resources/" + base + "scripts/config.js")))
                .as(app + " takes the shared language settings")
                .contains("import {locales} from '../../locales.js';")
                .containsPattern("(?m)^\\s+locales,?$");
        assertThat(Files.readString(Path.of("src/main/resources/META-INF/resources/webjars/camunda/app/locales.js")))
                .as("the shared language settings declare French")
                .containsPattern("availableLocales = \\[[^]]*'fr'");
    }

    private static Set<String> placeholders(String label) {
        Set<String> found = new TreeSet<>();
        var matcher = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}").matcher(label);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String stripBom(java.net.URL url) throws IOException {
        assertThat(url).as("Camunda's English locale on the classpath").isNotNull();
        try (var in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    private static List<Path> staffTemplates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            // the customer pages and the letters speak the customer's language through their own texts
            return files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> !p.startsWith(TEMPLATES.resolve("respond"))
                            && !p.startsWith(TEMPLATES.resolve("letters"))
                            && !p.startsWith(TEMPLATES.resolve("followups")))
                    .toList();
        }
    }
}
