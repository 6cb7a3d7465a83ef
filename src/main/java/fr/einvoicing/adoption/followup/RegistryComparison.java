package fr.einvoicing.adoption.followup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;

/**
 * Reads what the company registry answered and compares it with the customer's identifiers and
 * name. Anything that does not match (unknown number, closed company or establishment, a name that
 * differs) or a change the customer asked for goes to a data steward; nothing is written to the
 * customer record here.
 */
@Component("compareWithRegistry")
public class RegistryComparison implements JavaDelegate {

    private static final Set<String> LEGAL_FORMS = Set.of("sa", "sas", "sasu", "sarl", "eurl", "sci", "snc",
            "ltd", "gmbh", "scop", "sca", "selarl", "ei", "et", "cie", "fils", "societe", "ste");

    private final CompanyChecks checks;
    private final EvidenceLog evidence;
    private final ObjectMapper json;

    public RegistryComparison(CompanyChecks checks, EvidenceLog evidence, ObjectMapper json) {
        this.checks = checks;
        this.evidence = evidence;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        long customerRef = ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue();
        String query = (String) execution.getVariable(FollowUpVariables.REGISTRY_QUERY);
        Object answer = execution.getVariable(FollowUpVariables.REGISTRY_ANSWER);
        JsonNode root = json.readTree(answer == null ? "{}" : answer.toString());
        execution.removeVariable(FollowUpVariables.REGISTRY_ANSWER);

        List<String> problems = new ArrayList<>();
        CompanyChecks.Check check = query == null
                ? new CompanyChecks.Check(0, customerRef, "", false, null, null, null, null, null, null,
                        FollowUpVariables.CHECK_NEEDS_REVIEW, "No SIREN or SIRET known for this customer")
                : compare(customerRef, query, root, (String) execution.getVariable(FollowUpVariables.COMPANY_NAME), problems);
        if (query == null) {
            problems.add("No SIREN or SIRET known for this customer");
        }
        if (!Objects.equals(execution.getVariable(FollowUpVariables.SIRET), execution.getVariable(FollowUpVariables.FILE_SIRET))
                || !Objects.equals(execution.getVariable(FollowUpVariables.SIREN), execution.getVariable(FollowUpVariables.FILE_SIREN))) {
            problems.add("The customer gave identifiers that differ from our file");
        }
        if (!Objects.equals(execution.getVariable(FollowUpVariables.INVOICING_CONTACT_NAME),
                execution.getVariable(FollowUpVariables.FILE_CONTACT))) {
            problems.add("The customer named another invoicing contact");
        }
        String outcome = problems.isEmpty() ? FollowUpVariables.CHECK_MATCHES : FollowUpVariables.CHECK_NEEDS_REVIEW;
        String problemText = problems.isEmpty() ? null : String.join("; ", problems);
        CompanyChecks.Check stored = new CompanyChecks.Check(0, customerRef, query == null ? "" : query, check.found(),
                check.registrySiren(), check.registrySiret(), check.registryName(), check.companyActive(),
                check.establishmentActive(), check.nameMatches(), outcome, problemText);
        long id = checks.insert(stored);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", stored.query());
        details.put("found", stored.found());
        details.put("registryName", stored.registryName());
        details.put("companyActive", stored.companyActive());
        details.put("establishmentActive", stored.establishmentActive());
        details.put("problems", problemText);
        evidence.append(customerRef, EvidenceType.COMPANY_CHECKED, "system:registry",
                problems.isEmpty() ? "Company confirmed by the public registry" : "Company data to review: " + problemText,
                details);
        execution.setVariable(FollowUpVariables.COMPANY_CHECK_ID, id);
        execution.setVariable(FollowUpVariables.COMPANY_CHECK_OUTCOME, outcome);
        execution.setVariable(FollowUpVariables.COMPANY_CHECK_SUMMARY, summary(stored));
    }

    private CompanyChecks.Check compare(long customerRef, String query, JsonNode root, String companyName,
                                        List<String> problems) {
        String siren = query.length() >= 9 ? query.substring(0, 9) : query;
        JsonNode company = null;
        for (JsonNode result : root.path("results")) {
            if (siren.equals(result.path("siren").asText())) {
                company = result;
                break;
            }
        }
        if (company == null) {
            problems.add("The registry does not know " + query);
            return new CompanyChecks.Check(0, customerRef, query, false, null, null, null, null, null, null, null, null);
        }
        String name = firstNonBlank(company.path("nom_raison_sociale").asText(null), company.path("nom_complet").asText(null));
        boolean companyActive = "A".equals(company.path("etat_administratif").asText());
        if (!companyActive) {
            problems.add("The registry says the company is closed");
        }
        Boolean establishmentActive = null;
        String registrySiret = null;
        if (query.length() == 14) {
            establishmentActive = false;
            for (JsonNode establishment : establishments(company)) {
                if (query.equals(establishment.path("siret").asText())) {
                    registrySiret = query;
                    establishmentActive = "A".equals(establishment.path("etat_administratif").asText());
                }
            }
            if (registrySiret == null) {
                problems.add("The registry does not list establishment " + query + " under this company");
            } else if (!establishmentActive) {
                problems.add("The registry says establishment " + query + " is closed");
            }
        }
        boolean nameMatches = namesMatch(companyName, name);
        if (!nameMatches) {
            problems.add("Our name '" + companyName + "' differs from the registry's '" + name + "'");
        }
        return new CompanyChecks.Check(0, customerRef, query, true, siren, registrySiret, name, companyActive,
                establishmentActive, nameMatches, null, null);
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
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return Arrays.stream(plain.split(" ")).filter(w -> !w.isBlank() && !LEGAL_FORMS.contains(w))
                .collect(Collectors.toSet());
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String summary(CompanyChecks.Check c) {
        if (!c.found()) {
            return "Not found in the registry (" + c.query() + ")" + (c.problems() == null ? "" : ". " + c.problems());
        }
        return "Registry: " + c.registryName() + ", SIREN " + c.registrySiren()
                + (c.registrySiret() == null ? "" : ", SIRET " + c.registrySiret())
                + (Boolean.TRUE.equals(c.companyActive()) ? ", active" : ", closed")
                + (c.problems() == null ? "" : ". To check: " + c.problems());
    }
}
