package fr.einvoicing.adoption.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerFileReader;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.CustomerImporter.ImportSummary;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.customer.FileRefusal;

/**
 * What happens to a campaign's customers before they are written to: the customer file replaced, the
 * draft deleted, the journeys started wave by wave. Campaigns are created by {@link CampaignCreation}.
 */
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

    public CampaignService(
            Campaigns campaigns,
            CampaignCustomers customers,
            CustomerImporter importer,
            CustomerJourneys journeys,
            TransactionTemplate transactions) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.importer = importer;
        this.journeys = journeys;
        this.transactions = transactions;
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
            new CustomerFileReader(campaign.settings().defaultLanguage()).precheck(in);
        }
        transactions.executeWithoutResult(status -> campaigns.removeCustomers(campaignId));
        ImportSummary summary;
        try (InputStream in = file.open()) {
            summary = importer.importFile(
                    campaignId, campaign.code(), campaign.settings().defaultLanguage(), in, rowsReadProgress);
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
     * Starts at most {@code max} journeys not started yet (one slice of a wave of the campaign process),
     * by chunks of {@value #LAUNCH_CHUNK}, each committed on its own. Safe to repeat after a crash: a
     * started customer is never started twice.
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
            long started = journeys.startEach(campaign, chunk);
            left -= chunk.size();
            if (started == 0) {
                break;
            }
        }
        return customers.countNotStarted(campaignId);
    }
}
