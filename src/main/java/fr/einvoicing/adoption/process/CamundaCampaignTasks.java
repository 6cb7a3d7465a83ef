package fr.einvoicing.adoption.process;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.report.CampaignDashboard;
import fr.einvoicing.adoption.report.CampaignTasks;
import fr.einvoicing.adoption.security.Groups;

/** A campaign's tasks are those of the instances whose business key starts with its code. */
@Component
class CamundaCampaignTasks implements CampaignTasks {

    /** The groups that work on a campaign's tasks, in the order the campaign page lists them. */
    static final List<String> WORKING_GROUPS = List.of(
            Groups.ACCOUNT_MANAGERS,
            Groups.CUSTOMER_SERVICE,
            Groups.CAMPAIGN_MANAGERS,
            Groups.DATA_STEWARDS,
            Groups.INTEGRATION_TEAM);

    private final TaskService tasks;

    CamundaCampaignTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public List<CampaignDashboard.GroupTasks> openTasks(String campaignCode, Instant now) {
        Date at = Date.from(now);
        return WORKING_GROUPS.stream()
                .map(group -> new CampaignDashboard.GroupTasks(
                        group,
                        tasks.createTaskQuery()
                                .processInstanceBusinessKeyLike(campaignCode + ":%")
                                .taskCandidateGroup(group)
                                .count(),
                        tasks.createTaskQuery()
                                .processInstanceBusinessKeyLike(campaignCode + ":%")
                                .taskCandidateGroup(group)
                                .dueBefore(at)
                                .count()))
                .toList();
    }
}
