package fr.einvoicing.adoption.followup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the registry answer is compared: what the public company registry said against the customer's
 * identifiers and name, and what the customer asked to change. Anything that does not match (no
 * identifier, an unknown number, a closed company or establishment, a name that differs) or a change
 * the customer asked for goes to a data steward; nothing here writes to the customer record. Plain
 * rules on plain values: no engine, no database.
 */
public final class RegistryComparison {

    /** Outcomes of a comparison, as {@code companyCheckOutcome} and {@code company_check.outcome} hold them. */
    public static final String MATCHES = "MATCHES";

    public static final String NEEDS_REVIEW = "NEEDS_REVIEW";

    private static final Set<String> LEGAL_FORMS = Set.of(
            "sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "ltd", "gmbh", "scop", "sca", "selarl", "ei", "et",
            "cie", "fils", "societe", "ste");

    /** What we know of the customer and what it answered, as the follow-up carries it. */
    public record CompanyToCheck(
            long customerRef,
            String query,
            String companyName,
            boolean identifiersChanged,
            boolean otherInvoicingContact) {}

    /** Why a data steward must look; worded by the staff messages {@code companyCheck.finding.*}. */
    public enum Finding {
        NO_IDENTIFIER,
        UNKNOWN_TO_REGISTRY,
        COMPANY_CLOSED,
        ESTABLISHMENT_NOT_LISTED,
        ESTABLISHMENT_CLOSED,
        NAME_DIFFERS,
        IDENTIFIERS_CHANGED,
        OTHER_INVOICING_CONTACT
    }

    /** One finding with the values its sentence names (a number, two names). */
    public record Problem(Finding finding, List<String> values) {
        static Problem of(Finding finding, String... values) {
            return new Problem(finding, List.of(values));
        }
    }

    /** The registry's facts about the company (null when it does not know it) and the findings. */
    public record Comparison(
            CompanyToCheck company,
            boolean found,
            String registrySiren,
            String registrySiret,
            String registryName,
            Boolean companyActive,
            Boolean establishmentActive,
            Boolean nameMatches,
            List<Problem> problems) {

        public boolean matches() {
            return problems.isEmpty();
        }

        public String outcome() {
            return matches() ? MATCHES : NEEDS_REVIEW;
        }
    }

    private RegistryComparison() {}

    /**
     * Compares the registry's search answer (its JSON: {@code results[].siren}, {@code nom_raison_sociale},
     * {@code etat_administratif}, {@code matching_etablissements}, {@code siege}) with the company.
     */
    public static Comparison compare(CompanyToCheck company, JsonNode registryAnswer) {
        Comparison registry = company.query() == null || company.query().isBlank()
                ? withProblem(company, Problem.of(Finding.NO_IDENTIFIER))
                : againstRegistry(company, registryAnswer);
        List<Problem> problems = new ArrayList<>(registry.problems());
        if (company.identifiersChanged()) {
            problems.add(Problem.of(Finding.IDENTIFIERS_CHANGED));
        }
        if (company.otherInvoicingContact()) {
            problems.add(Problem.of(Finding.OTHER_INVOICING_CONTACT));
        }
        return new Comparison(
                company,
                registry.found(),
                registry.registrySiren(),
                registry.registrySiret(),
                registry.registryName(),
                registry.companyActive(),
                registry.establishmentActive(),
                registry.nameMatches(),
                List.copyOf(problems));
    }

    private static Comparison withProblem(CompanyToCheck company, Problem problem) {
        return new Comparison(company, false, null, null, null, null, null, null, List.of(problem));
    }

    private static Comparison againstRegistry(CompanyToCheck company, JsonNode root) {
        String query = company.query();
        String siren = query.length() >= 9 ? query.substring(0, 9) : query;
        JsonNode found = null;
        for (JsonNode result : root.path("results")) {
            if (siren.equals(result.path("siren").asText())) {
                found = result;
                break;
            }
        }
        if (found == null) {
            return withProblem(company, Problem.of(Finding.UNKNOWN_TO_REGISTRY, query));
        }
        List<Problem> problems = new ArrayList<>();
        String name = firstNonBlank(
                found.path("nom_raison_sociale").asText(null),
                found.path("nom_complet").asText(null));
        boolean companyActive = "A".equals(found.path("etat_administratif").asText());
        if (!companyActive) {
            problems.add(Problem.of(Finding.COMPANY_CLOSED));
        }
        Boolean establishmentActive = null;
        String registrySiret = null;
        if (query.length() == 14) {
            establishmentActive = false;
            for (JsonNode establishment : establishments(found)) {
                if (query.equals(establishment.path("siret").asText())) {
                    registrySiret = query;
                    establishmentActive =
                            "A".equals(establishment.path("etat_administratif").asText());
                }
            }
            if (registrySiret == null) {
                problems.add(Problem.of(Finding.ESTABLISHMENT_NOT_LISTED, query));
            } else if (!establishmentActive) {
                problems.add(Problem.of(Finding.ESTABLISHMENT_CLOSED, query));
            }
        }
        boolean nameMatches = namesMatch(company.companyName(), name);
        if (!nameMatches) {
            problems.add(Problem.of(Finding.NAME_DIFFERS, String.valueOf(company.companyName()), String.valueOf(name)));
        }
        return new Comparison(
                company, true, siren, registrySiret, name, companyActive, establishmentActive, nameMatches, problems);
    }

    private static List<JsonNode> establishments(JsonNode company) {
        List<JsonNode> all = new ArrayList<>();
        company.path("matching_etablissements").forEach(all::add);
        if (company.has("siege")) {
            all.add(company.get("siege"));
        }
        return all;
    }

    /** Same company name once case, accents, punctuation and legal forms are set aside. */
    static boolean namesMatch(String ours, String registry) {
        Set<String> a = words(ours);
        Set<String> b = words(registry);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return b.containsAll(a) || a.containsAll(b);
    }

    private static Set<String> words(String name) {
        if (name == null) {
            return Set.of();
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ")
                .trim();
        return Arrays.stream(plain.split(" "))
                .filter(w -> !w.isBlank() && !LEGAL_FORMS.contains(w))
                .collect(Collectors.toSet());
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
