package fr.einvoicing.adoption.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.CustomerImporter.ImportSummary;
import fr.einvoicing.adoption.customer.FileRefusal;

/**
 * Where a campaign comes into being, for the creation page and the REST API alike: its settings are
 * checked, the campaign stored with its customers (a file, or those a previous campaign did not win
 * over), and its own process started.
 */
@Service
public class CampaignCreation {

    private static final Logger log = LoggerFactory.getLogger(CampaignCreation.class);

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final CustomerImporter importer;
    private final WebinarSessions sessions;
    private final LetterTemplateSets letterTemplates;
    private final CampaignProcesses processes;
    private final Validator validator;
    private final TransactionTemplate transactions;
    private final CampaignProperties properties;
    private final Clock clock;

    public CampaignCreation(
            Campaigns campaigns,
            CampaignCustomers customers,
            CustomerImporter importer,
            WebinarSessions sessions,
            LetterTemplateSets letterTemplates,
            CampaignProcesses processes,
            Validator validator,
            TransactionTemplate transactions,
            CampaignProperties properties,
            Clock clock) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.importer = importer;
        this.sessions = sessions;
        this.letterTemplates = letterTemplates;
        this.processes = processes;
        this.validator = validator;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A campaign just created, what its customers gave, and its process (null when not started).
     */
    public record Created(Campaign campaign, ImportSummary imported, String processInstanceId) {}

    /**
     * Everything wrong with these settings, field → message: Bean Validation's messages, and keys of the
     * staff messages ({@code formError.*}) for the rules below, which the page and the API word in the
     * reader's language. Empty when the campaign can be created.
     */
    public Map<String, String> problems(CampaignSettings s) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<CampaignSettings> violation : validator.validate(s)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        if (s.code() != null && campaigns.exists(s.code())) {
            errors.putIfAbsent("code", "formError.codeExists");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(s.deadlineZone());
        } catch (DateTimeException | NullPointerException e) {
            errors.putIfAbsent("deadlineZone", "formError.zone");
        }
        if (zone != null
                && s.responseDeadline() != null
                && !s.responseDeadline().atZone(zone).toInstant().isAfter(clock.instant())) {
            errors.putIfAbsent("responseDeadline", "formError.deadlinePast");
        }
        if (s.reminderBefore() != null
                && (s.reminderBefore().isNegative() || s.reminderBefore().isZero())) {
            errors.putIfAbsent("reminderBefore", "formError.reminderAfterDeadline");
        }
        CampaignSettings.Supplier supplier = s.resolved(supplierDefaults()).supplier();
        if (supplier.legalName() == null) {
            errors.putIfAbsent("supplierLegalName", "formError.supplierLegalName");
        }
        if (!CompanyIdentifiers.isValidSiren(supplier.siren())) {
            errors.putIfAbsent("supplierSiren", "formError.supplierSiren");
        }
        if (supplier.iban() != null && !CompanyIdentifiers.isValidFrenchIban(supplier.iban())) {
            errors.putIfAbsent("supplierIban", "formError.supplierIban");
        }
        String letterTemplate = s.letterTemplate() == null || s.letterTemplate().isBlank()
                ? LetterTemplateSets.DEFAULT
                : s.letterTemplate().trim();
        if (!letterTemplates.exists(letterTemplate)) {
            errors.putIfAbsent(
                    "letterTemplate",
                    "Unknown letter template '" + letterTemplate + "' (available: "
                            + String.join(", ", letterTemplates.names()) + ")");
        }
        return errors;
    }

    /**
     * Checks the settings, stores the campaign, imports its customer file and, if {@code start}, starts
     * its process. A file that cannot be read at all leaves nothing behind; bad rows are recorded with
     * their line numbers.
     *
     * @throws CampaignValidationException  when the settings are refused (nothing stored)
     * @throws CustomerFileRejectedException when the file is refused as a whole (nothing stored)
     */
    public Created create(
            CampaignSettings settings,
            InputStream customerFile,
            String createdBy,
            LongConsumer rowsReadProgress,
            boolean start)
            throws IOException {
        CampaignSettings stored = checked(settings);
        long id = transactions.execute(status -> insert(stored, createdBy));
        ImportSummary summary;
        try {
            summary = importer.importFile(id, stored.code(), stored.defaultLanguage(), customerFile, rowsReadProgress);
            if (summary.imported() == 0 && summary.rejected() == 0) {
                throw new CustomerFileRejectedException(FileRefusal.NO_CUSTOMER);
            }
        } catch (IOException | RuntimeException e) {
            // a refused or broken file leaves nothing behind: the code can be used again at once
            transactions.executeWithoutResult(status -> campaigns.deleteDraft(id));
            throw e;
        }
        log.info(
                "Campaign {} created by {}: {} customers imported, {} rows rejected",
                stored.code(),
                createdBy,
                summary.imported(),
                summary.rejected());
        return started(campaigns.get(id), summary, start);
    }

    /**
     * A follow-up campaign: new settings, and as customers those of {@code previous} who refused or
     * could not be reached (copied in the database, however many). Nothing is sent before approval.
     */
    public Created createFollowUp(CampaignSettings settings, Campaign previous, String createdBy, boolean start) {
        CampaignSettings stored = checked(settings);
        // one transaction: without anyone to carry over, no campaign is left behind
        ImportSummary carried = transactions.execute(status -> {
            long id = insert(stored, createdBy);
            long copied =
                    customers.copyForFollowUp(previous.id(), id, stored.code(), CampaignService.FOLLOW_UP_STATUSES);
            if (copied == 0) {
                throw new CampaignValidationException(Map.of(
                        "followUpOf",
                        "Campaign " + previous.code() + " has no customer who refused or could not be reached"));
            }
            return new ImportSummary(copied, copied, 0);
        });
        log.info(
                "Follow-up campaign {} of {} created by {}: {} customers carried over",
                stored.code(),
                previous.code(),
                createdBy,
                carried.imported());
        return started(campaigns.findByCode(stored.code()).orElseThrow(), carried, start);
    }

    private Created started(Campaign campaign, ImportSummary imported, boolean start) {
        String processInstance = start ? processes.start(campaign, imported.rejected()) : null;
        return new Created(campaign, imported, processInstance);
    }

    private CampaignSettings checked(CampaignSettings settings) {
        Map<String, String> errors = problems(settings);
        if (!errors.isEmpty()) {
            throw new CampaignValidationException(errors);
        }
        return settings.resolved(supplierDefaults());
    }

    /** Stores checked settings with their webinar sessions; the customers come after. */
    private long insert(CampaignSettings settings, String createdBy) {
        long id = campaigns.insert(CampaignStatus.DRAFT, createdBy, clock.instant(), settings);
        sessions.addAll(
                id,
                settings.webinarSessions().stream()
                        .map(at -> at.atZone(settings.zone()))
                        .toList());
        return id;
    }

    private CampaignSettings.Supplier supplierDefaults() {
        var d = properties.supplier();
        return new CampaignSettings.Supplier(d.legalName(), d.siren(), d.address(), d.iban(), d.bic(), d.phone());
    }
}
