package fr.einvoicing.adoption.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Reads a rendered letter against the rules of {@code letter-rules/letter-rules.yml}: names each
 * element it lacks and each backfiring argument it uses, with the sentence that triggered it.
 */
@Component
public class LetterChecker {

    static final String RULES = "letter-rules/letter-rules.yml";

    public enum Kind {
        MISSING,
        AVOID
    }

    /**
     * One thing to fix: what, why, and for an argument to avoid, the sentence that uses it. {@code name}
     * and {@code why} are the rule's English words (what the API gives, with the stable {@code ruleId});
     * pages and tasks ask {@link #nameIn} and {@link #whyIn} for their reader's language.
     */
    public record Finding(
            Kind kind,
            String ruleId,
            String name,
            String why,
            String sentence,
            @JsonIgnore String nameFr,
            @JsonIgnore String whyFr) {

        public String nameIn(Locale locale) {
            return french(locale) ? nameFr : name;
        }

        public String whyIn(Locale locale) {
            return french(locale) ? whyFr : why;
        }

        private static boolean french(Locale locale) {
            return locale != null && "fr".equals(locale.getLanguage());
        }
    }

    /** When a rule applies: always (null), or only for letters of a given situation. */
    private static final List<String> CONDITIONS = List.of("silence-counts", "consent", "information");

    private record MustSay(
            String id, String name, String nameFr, String onlyWhen, Map<String, List<List<Pattern>>> allOf) {}

    private record MustAvoid(
            String id,
            String name,
            String nameFr,
            String why,
            String whyFr,
            String onlyWhen,
            Map<String, List<Pattern>> patterns) {}

    private final List<MustSay> mustSay = new ArrayList<>();
    private final List<MustAvoid> mustAvoid = new ArrayList<>();

    public LetterChecker() {
        this(new ClassPathResource(RULES));
    }

    LetterChecker(ClassPathResource rules) {
        try (InputStream in = rules.getInputStream()) {
            load(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the letter rules " + RULES, e);
        }
    }

    @SuppressWarnings("unchecked")
    private void load(Map<String, Object> root) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) root.getOrDefault("must-say", List.of())) {
            Map<String, List<List<Pattern>>> byLanguage = new java.util.HashMap<>();
            for (String language : List.of("fr", "en")) {
                Map<String, Object> spec = (Map<String, Object>) rule.get(language);
                if (spec == null) {
                    continue;
                }
                List<List<Pattern>> all = new ArrayList<>();
                for (Object phrase : (List<Object>) spec.getOrDefault("all-of", List.of())) {
                    List<Pattern> alternatives = new ArrayList<>();
                    for (String alternative : alternatives(phrase.toString())) {
                        alternatives.add(compile(alternative, rule));
                    }
                    all.add(alternatives);
                }
                byLanguage.put(language, all);
            }
            mustSay.add(new MustSay(
                    required(rule, "id"),
                    required(rule, "name"),
                    required(rule, "name-fr"),
                    onlyWhen(rule),
                    byLanguage));
        }
        for (Map<String, Object> rule : (List<Map<String, Object>>) root.getOrDefault("must-avoid", List.of())) {
            Map<String, List<Pattern>> byLanguage = new java.util.HashMap<>();
            for (String language : List.of("fr", "en")) {
                List<Pattern> patterns = new ArrayList<>();
                for (Object phrase : (List<Object>) rule.getOrDefault(language, List.of())) {
                    patterns.add(compile(phrase.toString(), rule));
                }
                byLanguage.put(language, patterns);
            }
            mustAvoid.add(new MustAvoid(
                    required(rule, "id"),
                    required(rule, "name"),
                    required(rule, "name-fr"),
                    required(rule, "why"),
                    required(rule, "why-fr"),
                    onlyWhen(rule),
                    byLanguage));
        }
    }

    /** Splits a phrase on the "|" that separate alternatives, not on those inside a regex group "( … )". */
    static List<String> alternatives(String phrase) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(phrase.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(phrase.substring(start));
        return parts;
    }

    private static String onlyWhen(Map<String, Object> rule) {
        Object onlyWhen = rule.get("only-when");
        if (onlyWhen != null && !CONDITIONS.contains(onlyWhen.toString())) {
            throw new IllegalStateException("Rule '" + rule.get("id") + "' in " + RULES + " has only-when: " + onlyWhen
                    + "; expected one of " + CONDITIONS);
        }
        return onlyWhen == null ? null : onlyWhen.toString();
    }

    private static String required(Map<String, Object> rule, String key) {
        Object value = rule.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("A rule in " + RULES + " has no '" + key + "': " + rule);
        }
        return value.toString();
    }

    private static Pattern compile(String phrase, Map<String, Object> rule) {
        try {
            return Pattern.compile(phrase.strip(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalStateException(
                    "Rule '" + rule.get("id") + "' in " + RULES + " has an unreadable phrase: " + phrase, e);
        }
    }

    /** Checks a letter asking for consent (plain text, as the customer reads it). */
    public List<Finding> check(String text, String language, boolean silenceCounts) {
        return check(text, language, LetterKind.LETTER, silenceCounts);
    }

    /**
     * Checks a letter's text (plain text, as the customer reads it). An information letter asks
     * no consent: rules marked {@code only-when: consent} or {@code silence-counts} do not apply to it.
     */
    public List<Finding> check(String text, String language, LetterKind kind, boolean silenceCounts) {
        boolean information = kind == LetterKind.INFORMATION;
        java.util.Set<String> situation = new java.util.HashSet<>();
        situation.add(information ? "information" : "consent");
        if (!information && silenceCounts) {
            situation.add("silence-counts");
        }
        String lang = "en".equals(language) ? "en" : "fr";
        String flat = text.replaceAll("\\s+", " ");
        List<Finding> findings = new ArrayList<>();
        for (MustSay rule : mustSay) {
            if (rule.onlyWhen() != null && !situation.contains(rule.onlyWhen())) {
                continue;
            }
            boolean present = rule.allOf().getOrDefault(lang, List.of()).stream()
                    .allMatch(alternatives ->
                            alternatives.stream().anyMatch(p -> p.matcher(flat).find()));
            if (!present) {
                findings.add(new Finding(Kind.MISSING, rule.id(), rule.name(), null, null, rule.nameFr(), null));
            }
        }
        for (String sentence : sentences(text)) {
            for (MustAvoid rule : mustAvoid) {
                if (rule.onlyWhen() != null && !situation.contains(rule.onlyWhen())) {
                    continue;
                }
                if (rule.patterns().getOrDefault(lang, List.of()).stream()
                        .anyMatch(p -> p.matcher(sentence).find())) {
                    findings.add(new Finding(
                            Kind.AVOID, rule.id(), rule.name(), rule.why(), sentence, rule.nameFr(), rule.whyFr()));
                }
            }
        }
        return findings;
    }

    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String line : text.split("\\R")) {
            for (String sentence : line.split("(?<=[.!?])\\s+")) {
                String s = sentence.strip();
                if (!s.isEmpty()) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }
}
