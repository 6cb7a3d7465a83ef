package fr.einvoicing.adoption.campaign.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Service;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.DispatchSettings;

/** A campaign's own process: started after the import, paused and resumed from the campaign page. */
@Service
public class CampaignLifecycle {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final DispatchSettings dispatch;
    private final TaskService tasks;
    private final IdentityService identity;

    public CampaignLifecycle(RuntimeService runtime, HistoryService history, DispatchSettings dispatch,
                             TaskService tasks, IdentityService identity) {
        this.runtime = runtime;
        this.history = history;
        this.dispatch = dispatch;
        this.tasks = tasks;
        this.identity = identity;
    }

    public String start(CampaignService.Created created) {
        return CampaignProcessDelegates.start(runtime, created.campaign(), created.imported().rejected(), dispatch);
    }

    /**
     * The customer file was replaced while "Review import errors" waited: the task is done, and the
     * process checks the new file's rejected rows as it did the first's.
     *
     * @return false when the campaign's process was not waiting at that task
     */
    public boolean fileReplaced(Campaign campaign, long rowsRejected, String user) {
        Task review = tasks.createTaskQuery().processDefinitionKey(CampaignProcess.PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .taskDefinitionKey(CampaignProcess.TASK_REVIEW_IMPORT_ERRORS).singleResult();
        if (review == null) {
            return false;
        }
        // as the user, with their groups: authorizations apply as in Tasklist
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            tasks.complete(review.getId(), Map.of(CampaignProcess.IMPORT_DECISION, "REPLACED",
                    CampaignProcess.IMPORT_PROBLEMS, rowsRejected));
        } finally {
            identity.clearAuthentication();
        }
        return true;
    }

    /** Whether the campaign's process waits at "Review import errors" (the file can be replaced). */
    public boolean awaitsImportReview(Campaign campaign) {
        return tasks.createTaskQuery().processDefinitionKey(CampaignProcess.PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code())
                .taskDefinitionKey(CampaignProcess.TASK_REVIEW_IMPORT_ERRORS).count() > 0;
    }

    /** @return false when the campaign is not between two waves (nothing to pause) */
    public boolean pause(Campaign campaign) {
        return !runtime.createMessageCorrelation(CampaignProcess.MESSAGE_PAUSE)
                .processInstanceBusinessKey(campaign.code()).correlateAllWithResult().isEmpty();
    }

    /** @return false when the campaign's sending is not paused */
    public boolean resume(Campaign campaign) {
        return !runtime.createMessageCorrelation(CampaignProcess.MESSAGE_RESUME)
                .processInstanceBusinessKey(campaign.code()).correlateAllWithResult().isEmpty();
    }

    /** Where the campaign's process stands now, as the model names it; empty for campaigns without one. */
    public Optional<List<String>> stage(Campaign campaign) {
        var instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(CampaignProcess.PROCESS_KEY)
                .processInstanceBusinessKey(campaign.code()).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        if (instance.getEndTime() != null) {
            return Optional.of(List.of("Ended"));
        }
        return Optional.of(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .unfinished().list().stream()
                .filter(a -> !a.getActivityType().contains("Gateway") || a.getActivityType().equals("eventBasedGateway"))
                .map(HistoricActivityInstance::getActivityName)
                .filter(java.util.Objects::nonNull)
                .toList());
    }
}
