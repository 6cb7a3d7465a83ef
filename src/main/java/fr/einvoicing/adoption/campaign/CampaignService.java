package fr.einvoicing.adoption.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;
import fr.einvoicing.adoption.customer.CustomerFileReader;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.CustomerImporter.ImportSummary;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.customer.FileRefusal;

/** Creates campaigns from their settings and customer file, and launches the customers' journeys. */
@Service
public class CampaignService {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    static final int LAUNCH_CHUNK = 200;
    /** Whom a follow-up campaign writes to again. */
    public static final List<CustomerStatus> FOLLOW_UP_STATUSES =
            List.of(CustomerStatus.REFUSED, CustomerStatus.NOT_REACHED);

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final CustomerImporter importer;
    private final CustomerJourneys journeys;
    private final TransactionTemplate transactions;
    private final CampaignProperties properties;
    private final Clock clock;
    private final WebinarSessions sessions;
    private final LetterTemplateSets letterTemplates;

    public CampaignService(
            WebinarSessions sessions,
            Campaigns campaigns,
            CampaignCustomers customers,
            CustomerImporter importer,
            CustomerJourneys journeys,
            TransactionTemplate transactions,
            CampaignProperties properties,
            Clock clock,
            LetterTemplateSets letterTemplates) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.importer = importer;
        this.journeys = journeys;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.sessions = sessions;
        this.letterTemplates = letterTemplates;
    }

    /** A campaign just created, and what its customer file gave. */
    public record Created(Campaign campaign, ImportSummary imported) {}

    /**
     * Checks the settings, stores the campaign and imports its customer file. A file that cannot be
     * read at all leaves nothing behind; bad rows are recorded with their line numbers.
     */
    public Created create(
            NewCampaign settings, InputStream customerFile, String createdBy, LongConsumer rowsReadProgress)
            throws IOException {
        Campaign campaign = validated(settings, createdBy);
        long id = transactions.execute(status -> insert(campaign, settings));
        try {
            ImportSummary summary = importer.importFile(
                    id, campaign.code(), campaign.defaultLanguage(), customerFile, rowsReadProgress);
            if (summary.imported() == 0 && summary.rejected() == 0) {
                throw new CustomerFileRejectedException(FileRefusal.NO_CUSTOMER);
            }
            log.info(
                    "Campaign {} created by {}: {} customers imported, {} rows rejected",
                    campaign.code(),
                    createdBy,
                    summary.imported(),
                    summary.rejected());
            return new Created(campaigns.get(id), summary);
        } catch (IOException | RuntimeException e) {
            // a refused or broken file leaves nothing behind: the code can be used again at once
            transactions.executeWithoutResult(status -> campaigns.deleteDraft(id));
            throw e;
        }
    }

    /**
     * Deletes a campaign nobody has been written to (status DRAFT): its settings, webinar sessions,
     * customers and rejected rows. Its own process is removed by the caller, in the same transaction.
     *
     * @throws CampaignValidationException when the campaign is past its draft
     */
    public void deleteDraft(Campaign campaign, String user) {
        if (campaign.status() != CampaignStatus.DRAFT
                || customers.countNotStarted(campaign.id()) != customers.count(campaign.id())) {
            throw new CampaignValidationException(Map.of(
                    "status",
                    "Campaign " + campaign.code()
                            + " is past its draft: letters have gone out, it can only be closed"));
        }
        if (!campaigns.deleteDraft(campaign.id())) {
            throw new CampaignValidationException(
                    Map.of("status", "Campaign " + campaign.code() + " started sending while it was being deleted"));
        }
        log.info("Draft campaign {} deleted by {}", campaign.code(), user);
    }

    /**
     * A follow-up campaign: new settings, and as customers those of {@code previous} who refused or
     * could not be reached (copied in the database, however many). Nothing is sent before approval.
     */
    public Created createFollowUp(NewCampaign settings, Campaign previous, String createdBy) {
        Campaign campaign = validated(settings, createdBy);
        // one transaction: without anyone to carry over, no campaign is left behind
        Created created = transactions.execute(status -> {
            long id = insert(campaign, settings);
            long copied = customers.copyForFollowUp(previous.id(), id, campaign.code(), FOLLOW_UP_STATUSES);
            if (copied == 0) {
                throw new CampaignValidationException(Map.of(
                        "followUpOf",
                        "Campaign " + previous.code() + " has no customer who refused or could not be reached"));
            }
            return new Created(campaigns.get(id), new ImportSummary(copied, copied, 0));
        });
        log.info(
                "Follow-up campaign {} of {} created by {}: {} customers carried over",
                campaign.code(),
                previous.code(),
                createdBy,
                created.imported().imported());
        return created;
    }

    /** Stores a checked campaign with its throttle and webinar sessions; its customers come after. */
    private long insert(Campaign campaign, NewCampaign settings) {
        long campaignId = campaigns.insert(campaign);
        if (settings.lettersPerHour() != null) {
            campaigns.setLettersPerHour(campaignId, settings.lettersPerHour());
        }
        sessions.addAll(
                campaignId,
                settings.webinarSessions().stream()
                        .map(at -> at.atZone(campaign.zone()))
                        .toList());
        return campaignId;
    }

    /** How many customers a follow-up of this campaign would carry over. */
    public long followUpCandidates(Campaign previous) {
        var counts = customers.countByStatus(previous.id());
        return FOLLOW_UP_STATUSES.stream()
                .mapToLong(s -> counts.getOrDefault(s, 0L))
                .sum();
    }

    /** Where a customer file can be read from, as many times as needed (a check, then the import). */
    @FunctionalInterface
    public interface CustomerFile {
        InputStream open() throws IOException;
    }

    /**
     * Replaces the customer file of a campaign nobody has been written to yet: the new file is checked
     * first (a file that cannot be read leaves the old customers in place), then the old customers and
     * rejected rows are removed and the new file imported, rows reported by line as at creation.
     */
    public ImportSummary replaceCustomerFile(
            long campaignId, CustomerFile file, String user, LongConsumer rowsReadProgress) throws IOException {
        Campaign campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.DRAFT
                || customers.countNotStarted(campaignId) != customers.count(campaignId)) {
            throw new CustomerFileRejectedException(FileRefusal.LETTERS_STARTED);
        }
        try (InputStream in = file.open()) {
            new CustomerFileReader(campaign.defaultLanguage()).precheck(in);
        }
        transactions.executeWithoutResult(status -> campaigns.removeCustomers(campaignId));
        ImportSummary summary;
        try (InputStream in = file.open()) {
            summary =
                    importer.importFile(campaignId, campaign.code(), campaign.defaultLanguage(), in, rowsReadProgress);
        }
        log.info(
                "Campaign {}: customer file replaced by {}: {} customers imported, {} rows rejected",
                campaign.code(),
                user,
                summary.imported(),
                summary.rejected());
        return summary;
    }

    /**
     * Starts the journey of every customer not started yet, in bounded chunks. Safe to call again
     * after a crash: a customer whose journey exists is skipped.
     *
     * @return how many journeys this call started
     */
    public long launch(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        transactions.executeWithoutResult(status -> campaigns.updateStatus(campaignId, CampaignStatus.RUNNING));
        long started = 0;
        while (true) {
            List<CampaignCustomer> chunk = customers.nextNotStarted(campaignId, LAUNCH_CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            Long startedInChunk = transactions.execute(status -> chunk.stream()
                    .filter(customer -> journeys.startOnce(campaign, customer))
                    .count());
            started += startedInChunk == null ? 0 : startedInChunk;
            if (startedInChunk == null || startedInChunk == 0) {
                break;
            }
        }
        log.info("Campaign {}: {} customer journeys started", campaign.code(), started);
        return started;
    }

    /**
     * Starts at most {@code max} journeys not started yet (one wave of the campaign process), in
     * one bounded transaction. Safe to repeat after a crash: a started customer is never started twice.
     *
     * @return how many customers are still waiting for their journey after this wave
     */
    public long launchWave(long campaignId, int max) {
        Campaign campaign = campaigns.get(campaignId);
        if (campaign.status() == CampaignStatus.DRAFT) {
            transactions.executeWithoutResult(status -> campaigns.updateStatus(campaignId, CampaignStatus.RUNNING));
        }
        int left = max;
        while (left > 0) {
            List<CampaignCustomer> chunk = customers.nextNotStarted(campaignId, Math.min(left, LAUNCH_CHUNK));
            if (chunk.isEmpty()) {
                break;
            }
            Long started = transactions.execute(status -> chunk.stream()
                    .filter(customer -> journeys.startOnce(campaign, customer))
                    .count());
            left -= chunk.size();
            if (started == null || started == 0) {
                break;
            }
        }
        return customers.countNotStarted(campaignId);
    }

    /**
     * Checks what Bean Validation cannot. Messages are keys of the staff messages ({@code formError.*}):
     * the page and the API word them in the reader's language.
     */
    private Campaign validated(NewCampaign s, String createdBy) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (s.code() != null && campaigns.exists(s.code())) {
            errors.put("code", "formError.codeExists");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(s.deadlineZone());
        } catch (DateTimeException | NullPointerException e) {
            errors.put("deadlineZone", "formError.zone");
        }
        ZonedDateTime deadline = zone == null || s.responseDeadline() == null
                ? null
                : s.responseDeadline().atZone(zone);
        if (deadline != null && !deadline.toInstant().isAfter(clock.instant())) {
            errors.put("responseDeadline", "formError.deadlinePast");
        }
        if (s.reminderBefore() != null
                && (s.reminderBefore().isNegative() || s.reminderBefore().isZero())) {
            errors.put("reminderBefore", "formError.reminderAfterDeadline");
        }
        var defaults = properties.supplier();
        var supplier = new Campaign.Supplier(
                orDefault(s.supplierLegalName(), defaults.legalName()),
                orDefault(s.supplierSiren(), defaults.siren()),
                orDefault(s.supplierAddress(), defaults.address()),
                orDefault(s.supplierIban(), defaults.iban()),
                orDefault(s.supplierBic(), defaults.bic()),
                orDefault(s.supplierPhone(), defaults.phone()));
        if (supplier.legalName() == null) {
            errors.put("supplierLegalName", "formError.supplierLegalName");
        }
        if (!CompanyIdentifiers.isValidSiren(supplier.siren())) {
            errors.put("supplierSiren", "formError.supplierSiren");
        }
        if (supplier.iban() != null && !CompanyIdentifiers.isValidFrenchIban(supplier.iban())) {
            errors.put("supplierIban", "formError.supplierIban");
        }
        String letterTemplate = s.letterTemplate() == null ? LetterTemplateSets.DEFAULT : s.letterTemplate();
        if (!letterTemplates.exists(letterTemplate)) {
            errors.put(
                    "letterTemplate",
                    "Unknown letter template '" + letterTemplate + "' (available: "
                            + String.join(", ", letterTemplates.names()) + ")");
        }
        if (!errors.isEmpty()) {
            throw new CampaignValidationException(errors);
        }
        return new Campaign(
                0,
                s.code(),
                s.name(),
                CampaignStatus.DRAFT,
                s.defaultLanguage(),
                deadline,
                s.reminderBefore(),
                s.silenceMeansAcceptance(),
                s.firstEinvoiceDate(),
                s.webinarAt() == null ? null : s.webinarAt().atZone(zone),
                blankToNull(s.webinarUrl()),
                blankToNull(s.faqUrl()),
                s.showTaxFaq(),
                new Campaign.Contact(s.contactName(), s.contactEmail(), blankToNull(s.contactPhone())),
                blankToNull(s.termsVersion()),
                blankToNull(s.termsUrl()),
                supplier,
                createdBy,
                clock.instant(),
                s.issuerSize() == null ? IssuerSize.SME : s.issuerSize(),
                letterTemplate);
    }

    private static String orDefault(String value, String fallback) {
        String v = blankToNull(value);
        return v != null ? v : blankToNull(fallback);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
