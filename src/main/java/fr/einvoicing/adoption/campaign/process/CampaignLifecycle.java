package fr.einvoicing.adoption.campaign.process;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignProcesses;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.DispatchSettings;
import fr.einvoicing.adoption.customer.CustomerImporter;

/** A campaign's own process: started after the import, paused and resumed from the campaign page. */
@Service
public class CampaignLifecycle implements CampaignProcesses {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final DispatchSettings dispatch;
    private final TaskService tasks;
    private final IdentityService identity;
    private final CampaignService service;

    private final TransactionTemplate transactions;

    public CampaignLifecycle(
            RuntimeService runtime,
            HistoryService history,
            DispatchSettings dispatch,
            TaskService tasks,
            IdentityService identity,
            CampaignService service,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.runtime = runtime;
        this.history = history;
        this.dispatch = dispatch;
        this.tasks = tasks;
        this.identity = identity;
        this.service = service;
    }

    @Override
    public String start(Campaign campaign, long rowsRejected) {
        return CampaignProcessDelegates.start(runtime, campaign, rowsRejected, dispatch);
    }

    /**
     * Replaces the customer file while "Review import errors" waits: the new file is imported, the task
     * is done, and the process checks the new file's rejected rows as it did the first's.
     *
     * @return empty when the campaign's process is not waiting at that task (nothing replaced)
     */
    @Override
    public Optional<CustomerImporter.ImportSummary> replaceCustomerFile(
            Campaign campaign, CampaignService.CustomerFile file, String user, LongConsumer rowsReadProgress)
            throws IOException {
        Task review = importReview(campaign).singleResult();
        if (review == null) {
            return Optional.empty();
        }
        CustomerImporter.ImportSummary summary =
                service.replaceCustomerFile(campaign.id(), file, user, rowsReadProgress);
        completeAs(user, review, summary.rejected());
        return Optional.of(summary);
    }

    private void completeAs(String user, Task review, long rowsRejected) {
        // as the user, with their groups: authorizations apply as in Tasklist
        identity.setAuthentication(
                user,
                identity.createGroupQuery().groupMember(user).list().stream()
                        .map(org.camunda.bpm.engine.identity.Group::getId)
                        .toList());
        try {
            tasks.complete(
                    review.getId(),
                    Map.of(CampaignProcess.IMPORT_DECISION, "REPLACED", CampaignProcess.IMPORT_PROBLEMS, rowsRejected));
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Deletes a draft campaign with its own process (and that process's history, so that the code can
     * be used again), in one transaction: a wave that starts meanwhile makes it fail, leaving all in place.
     */
    @Override
    public void deleteDraft(Campaign campaign, String user) {
        transactions.executeWithoutResult(status -> {
            List<String> instances = runtime
                    .createProcessInstanceQuery()
                    .processDefinitionKey(CampaignProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(campaign.code())
                    .list()
                    .stream()
                    .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId)
                    .toList();
            for (String instance : instances) {
                runtime.deleteProcessInstance(instance, "Draft campaign deleted by " + user, true, true);
            }
            service.deleteDraft(campaign, user);
            history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(CampaignProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(campaign.code())
                    .list()
                    .forEach(h -> history.deleteHistoricProcessInstance(h.getId()));
        });
    }

    /** Whether the campaign's process waits at "Review import errors" (the file can be replaced). */
    @Override
    public boolean awaitsImportReview(Campaign campaign) {
        return importReview(campaign).count() > 0;
    }

    private org.camunda.bpm.engine.task.TaskQuery importReview(Campaign campaign) {
        return tasks.createTaskQuery()
                .processDefinitionKey(CampaignProcess.PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .taskDefinitionKey(CampaignProcess.TASK_REVIEW_IMPORT_ERRORS);
    }

    /** @return false when the campaign is not between two waves (nothing to pause) */
    @Override
    public boolean pause(Campaign campaign) {
        return !runtime.createMessageCorrelation(CampaignProcess.MESSAGE_PAUSE)
                .processInstanceBusinessKey(campaign.code())
                .correlateAllWithResult()
                .isEmpty();
    }

    /** @return false when the campaign's sending is not paused */
    @Override
    public boolean resume(Campaign campaign) {
        return !runtime.createMessageCorrelation(CampaignProcess.MESSAGE_RESUME)
                .processInstanceBusinessKey(campaign.code())
                .correlateAllWithResult()
                .isEmpty();
    }

    @Override
    public Optional<List<Stage>> stage(Campaign campaign) {
        var latest = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(CampaignProcess.PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .orderByProcessInstanceStartTime()
                .desc()
                .listPage(0, 1);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        var instance = latest.get(0);
        if (instance.getEndTime() != null) {
            return Optional.of(List.of(new Stage("ended", "Ended")));
        }
        return Optional.of(
                history
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .unfinished()
                        .list()
                        .stream()
                        .filter(a -> !a.getActivityType().contains("Gateway")
                                || a.getActivityType().equals("eventBasedGateway"))
                        .filter(a -> a.getActivityName() != null)
                        .map(a -> new Stage(a.getActivityId(), a.getActivityName()))
                        .toList());
    }
}
