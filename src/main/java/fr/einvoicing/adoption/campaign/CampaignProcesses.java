package fr.einvoicing.adoption.campaign;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import fr.einvoicing.adoption.customer.CustomerImporter;

/**
 * What the campaign pages and the API ask of a campaign's own process ({@code adoption-campaign.bpmn});
 * the engine's side is {@code campaign.process.CampaignLifecycle}.
 */
public interface CampaignProcesses {

    /** A step the campaign's process waits in: its id (the pages word it in their language) and its model name. */
    record Stage(String activityId, String name) {}

    /**
     * Starts the process of a campaign just created, whose file had {@code rowsRejected} refused rows;
     * returns its process instance id.
     */
    String start(Campaign campaign, long rowsRejected);

    /**
     * Replaces the customer file while "Review import errors" waits: the new file is imported, the task
     * is done, and the process checks the new file's rejected rows as it did the first's.
     *
     * @return empty when the campaign's process is not waiting at that task (nothing replaced)
     */
    Optional<CustomerImporter.ImportSummary> replaceCustomerFile(
            Campaign campaign, CampaignService.CustomerFile file, String user, LongConsumer rowsReadProgress)
            throws IOException;

    /** Deletes a draft campaign with its own process and that process's history, in one transaction. */
    void deleteDraft(Campaign campaign, String user);

    /** Whether the campaign's process waits at "Review import errors" (the file can be replaced). */
    boolean awaitsImportReview(Campaign campaign);

    /** @return false when the campaign is not between two waves (nothing to pause) */
    boolean pause(Campaign campaign);

    /** @return false when the campaign's sending is not paused */
    boolean resume(Campaign campaign);

    /** Where the campaign's process stands now; empty for campaigns without one. */
    Optional<List<Stage>> stage(Campaign campaign);
}
