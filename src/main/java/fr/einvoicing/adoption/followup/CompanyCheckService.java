package fr.einvoicing.adoption.followup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;

/**
 * Keeps a comparison with the registry: the row in {@code company_check} and the evidence entry, both
 * worded in English like every evidence entry (the legal record is kept in one language).
 */
@Service
public class CompanyCheckService {

    private final CompanyChecks checks;
    private final EvidenceLog evidence;
    private final MessageSource messages;

    public CompanyCheckService(CompanyChecks checks, EvidenceLog evidence, MessageSource messages) {
        this.checks = checks;
        this.evidence = evidence;
        this.messages = messages;
    }

    /** Stores the comparison and returns the id of its {@code company_check} row. */
    @Transactional
    public long record(RegistryComparison.Comparison comparison) {
        String problems = comparison.matches() ? null : problems(comparison, Locale.ENGLISH);
        RegistryComparison.CompanyToCheck company = comparison.company();
        long id = checks.insert(new CompanyChecks.Check(
                0,
                company.customerRef(),
                company.query() == null ? "" : company.query(),
                comparison.found(),
                comparison.registrySiren(),
                comparison.registrySiret(),
                comparison.registryName(),
                comparison.companyActive(),
                comparison.establishmentActive(),
                comparison.nameMatches(),
                comparison.outcome(),
                problems));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", company.query() == null ? "" : company.query());
        details.put("found", comparison.found());
        details.put("registryName", comparison.registryName());
        details.put("companyActive", comparison.companyActive());
        details.put("establishmentActive", comparison.establishmentActive());
        details.put("problems", problems);
        evidence.append(
                company.customerRef(),
                EvidenceType.COMPANY_CHECKED,
                "system:registry",
                comparison.matches()
                        ? "Company confirmed by the public registry"
                        : "Company data to review: " + problems,
                details);
        return id;
    }

    /** The findings in one line, {@code "; "} between them, in the given language. */
    public String problems(RegistryComparison.Comparison comparison, Locale locale) {
        return comparison.problems().stream()
                .map(p -> messages.getMessage(
                        "companyCheck.finding." + p.finding().name(), p.values().toArray(), locale))
                .collect(Collectors.joining("; "));
    }

    /** What the data steward reads first in the review form, in the given language. */
    public String summary(RegistryComparison.Comparison comparison, Locale locale) {
        StringBuilder s = new StringBuilder();
        RegistryComparison.CompanyToCheck company = comparison.company();
        if (comparison.found()) {
            s.append(messages.getMessage(
                    "companyCheck.found",
                    new Object[] {comparison.registryName(), comparison.registrySiren()},
                    locale));
            if (comparison.registrySiret() != null) {
                s.append(messages.getMessage("companyCheck.siret", new Object[] {comparison.registrySiret()}, locale));
            }
            s.append(messages.getMessage(
                    Boolean.TRUE.equals(comparison.companyActive()) ? "companyCheck.active" : "companyCheck.closed",
                    null,
                    locale));
        } else if (company.query() != null && !company.query().isBlank()) {
            s.append(messages.getMessage("companyCheck.notFound", new Object[] {company.query()}, locale));
        }
        if (!comparison.matches()) {
            s.append(messages.getMessage(
                    s.isEmpty() ? "companyCheck.toCheckFirst" : "companyCheck.toCheck",
                    new Object[] {problems(comparison, locale)},
                    locale));
        }
        return s.toString();
    }
}
