package fr.einvoicing.adoption.process;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.letter.BounceJourneys;
import fr.einvoicing.adoption.security.Groups;

/** A late bounce in the customer's journey: the "Letter bounced" boundary event, or a review task. */
@Component
public class CamundaBounceJourneys implements BounceJourneys {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Campaigns campaigns;
    private final Clock clock;

    public CamundaBounceJourneys(RuntimeService runtime, TaskService tasks, Campaigns campaigns, Clock clock) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public boolean letterBounced(CampaignCustomer customer, String reason) {
        // false when not waiting yet (or any more): the customer's record already says silence cannot count
        return JourneyMessages.deliver(
                runtime,
                customer,
                CustomerAdoptionProcess.MESSAGE_LETTER_BOUNCED,
                Map.of(AdoptionVariables.LETTER_DELIVERED, false, AdoptionVariables.CONTACT_ISSUE, reason));
    }

    @Override
    public void reviewBounceAfterAcceptance(CampaignCustomer customer, String reason) {
        var campaign = campaigns.get(customer.campaignId());
        var task = tasks.newTask();
        task.setName("Review bounce after tacit acceptance · " + campaign.code() + " · " + customer.companyName());
        task.setDescription(reason + ". The customer's silence counted as acceptance, but the letter may never"
                + " have reached them: reach them another way, and correct the outcome if they did not know."
                + " Evidence: " + StaffLinks.evidencePack(campaign.code(), customer.customerId()));
        task.setDueDate(Date.from(clock.instant().plus(Duration.ofDays(5))));
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), Groups.CUSTOMER_SERVICE);
    }
}
