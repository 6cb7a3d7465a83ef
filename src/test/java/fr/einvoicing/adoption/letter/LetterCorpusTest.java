package fr.einvoicing.adoption.letter;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The letter checker against letters written the way people write them (test resources
 * {@code letter-corpus/}): good letters in varied styles, French and English, consent and
 * information letters, must get no finding at all; each bad letter breaks one rule and must get
 * exactly that finding. A manager who sees findings on a good letter learns to ignore the checker.
 */
class LetterCorpusTest {

    private static final LetterChecker CHECKER = new LetterChecker();

    record Sample(
            String file, String language, LetterKind kind, boolean silenceCounts, Set<String> expected, String text) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Sample> good() throws Exception {
        return samples("good");
    }

    static Stream<Sample> bad() throws Exception {
        return samples("bad");
    }

    private static Stream<Sample> samples(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(LetterCorpusTest.class.getResource("/letter-corpus/" + folder))
                .toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(f -> f.toString().endsWith(".txt"))
                    .sorted()
                    .map(LetterCorpusTest::read)
                    .toList()
                    .stream();
        }
    }

    private static Sample read(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int separator = content.indexOf("\n---\n");
            Map<String, String> header = new LinkedHashMap<>();
            for (String line : content.substring(0, separator).split("\n")) {
                int colon = line.indexOf(':');
                header.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
            Set<String> expected = header.containsKey("expect")
                    ? Arrays.stream(header.get("expect").split(","))
                            .map(String::strip)
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Set.of();
            return new Sample(
                    file.getFileName().toString(),
                    header.get("language"),
                    LetterKind.valueOf(header.get("kind")),
                    Boolean.parseBoolean(header.get("silence-counts")),
                    expected,
                    content.substring(separator + 5));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LetterChecker.Finding> check(Sample sample) {
        return CHECKER.check(sample.text(), sample.language(), sample.kind(), sample.silenceCounts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void a_good_letter_gets_no_finding(Sample sample) {
        assertThat(check(sample)).as(sample.file()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void a_bad_letter_gets_exactly_the_finding_of_the_rule_it_breaks(Sample sample) {
        Set<String> found = check(sample).stream()
                .map(LetterChecker.Finding::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).as(sample.file() + ": " + check(sample)).isEqualTo(sample.expected());
    }

    @Test
    void the_corpus_is_large_and_breaks_every_rule() throws Exception {
        assertThat(good().count() + bad().count()).isGreaterThanOrEqualTo(20);
        assertThat(good().map(Sample::language).distinct()).containsExactlyInAnyOrder("fr", "en");
        assertThat(good().filter(s -> s.kind() == LetterKind.INFORMATION)).isNotEmpty();
        Set<String> broken = bad().flatMap(s -> s.expected().stream()).collect(Collectors.toSet());
        assertThat(broken)
                .as("every rule of the letter rules is broken by one letter at least")
                .containsAll(List.of(
                        "benefit-own-tool",
                        "benefit-facturx",
                        "benefit-online-space",
                        "delivery-options",
                        "schedule",
                        "support",
                        "contact",
                        "deadline",
                        "tacit-acceptance",
                        "compulsory-not-asked",
                        "avoid-paper-saving",
                        "avoid-ecology",
                        "avoid-threat",
                        "avoid-consent-wording-when-compulsory"));
    }
}
