package fr.einvoicing.adoption.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The sets of letter templates a campaign can choose from: each folder under
 * {@code templates/letters/} holding a {@code letter_fr.html} is a set. A set may hold only some
 * kinds of letter; the others come from {@value #STANDARD}.
 */
@Component
public class LetterTemplates implements fr.einvoicing.adoption.campaign.LetterTemplateSets {

    public static final String STANDARD = fr.einvoicing.adoption.campaign.LetterTemplateSets.DEFAULT;

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            STANDARD,
            "Standard: the full letter, with every benefit and the delivery options spelt out",
            "short",
            "Short: the same commitments in fewer words, for customers who already know us well");

    /** Set name to what a manager reads when choosing, standard first. */
    private final Map<String, String> sets;

    public LetterTemplates() {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            Resource[] letters = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:templates/letters/*/letter_fr.html");
            List<String> names = new ArrayList<>();
            for (Resource letter : letters) {
                String path = letter.getURL().toString();
                String folder = path.substring(0, path.lastIndexOf('/'));
                names.add(folder.substring(folder.lastIndexOf('/') + 1));
            }
            names.sort((a, b) -> a.equals(STANDARD) ? -1 : b.equals(STANDARD) ? 1 : a.compareTo(b));
            names.forEach(name -> found.put(name, DESCRIPTIONS.getOrDefault(name, name)));
        } catch (IOException e) {
            throw new UncheckedIOException("Letter templates cannot be listed", e);
        }
        if (!found.containsKey(STANDARD)) {
            throw new IllegalStateException("The standard letter templates (templates/letters/standard/) are missing");
        }
        this.sets = Collections.unmodifiableMap(found);
    }

    /** Set name to what a manager reads when choosing, standard first. */
    public Map<String, String> choices() {
        return sets;
    }

    @Override
    public java.util.Set<String> names() {
        return choices().keySet();
    }

    @Override
    public boolean exists(String set) {
        return set != null && sets.containsKey(set);
    }
}
