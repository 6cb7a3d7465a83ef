package fr.einvoicing.adoption.campaign.process;

import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignStatus;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.DispatchSettings;
import fr.einvoicing.adoption.letter.LetterChecker;
import fr.einvoicing.adoption.letter.LetterReview;
import fr.einvoicing.adoption.process.OperatorTexts;

/** The steps of the campaign process that the application carries out. */
@Configuration
public class CampaignProcessDelegates {

    private static long campaignId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ((Number) scope.getVariable(CampaignProcess.CAMPAIGN_ID)).longValue();
    }

    /** Starts a campaign's process once its file is imported. */
    public static String start(
            RuntimeService runtime, Campaign campaign, long importProblems, DispatchSettings dispatch) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(CampaignProcess.CAMPAIGN_ID, campaign.id());
        vars.put(CampaignProcess.CAMPAIGN_CODE, campaign.code());
        vars.put(CampaignProcess.CREATED_BY, campaign.createdBy());
        vars.put(CampaignProcess.IMPORT_PROBLEMS, importProblems);
        vars.put(CampaignProcess.CAMPAIGN_URL, "/campaigns/" + campaign.code());
        vars.put(CampaignProcess.WAVE_INTERVAL, dispatch.waveInterval().toString());
        vars.put(CampaignProcess.SETTLED_CHECK, dispatch.settledCheck().toString());
        vars.put(
                CampaignProcess.CLOSING_CHECK_AT,
                Date.from(campaign.settings().deadline().toInstant().plus(dispatch.closingGrace())));
        return runtime.startProcessInstanceByKey(CampaignProcess.PROCESS_KEY, campaign.code(), vars)
                .getId();
    }

    /** Checks the letters; the findings go to the approval task in the operators' language. */
    @Bean
    public JavaDelegate checkCampaignLetter(Campaigns campaigns, LetterReview review, OperatorTexts texts) {
        Locale operators = texts.locale();
        return execution -> {
            var checks = review.review(campaigns.get(campaignId(execution)));
            boolean clean = checks.stream().allMatch(c -> c.findings().isEmpty());
            String findings = checks.stream()
                    .flatMap(c -> c.findings().stream()
                            .map(f -> "- "
                                    + texts.text("letter.title." + c.kind().name() + "." + c.language())
                                    + " · "
                                    + texts.text(
                                            f.kind() == LetterChecker.Kind.MISSING
                                                    ? "detail.finding.missing"
                                                    : "detail.finding.avoid",
                                            f.nameIn(operators))
                                    + (f.sentence() == null ? "" : " (\"" + f.sentence() + "\")")))
                    .collect(Collectors.joining("\n"));
            execution.setVariable(CampaignProcess.LETTER_CLEAN, clean);
            execution.setVariable(
                    CampaignProcess.LETTER_FINDINGS,
                    clean
                            ? texts.text("detail.letterCheck.clean")
                            : findings.length() > 3900 ? findings.substring(0, 3900) + "\n..." : findings);
        };
    }

    /** Four-eyes: whoever created the campaign can neither claim its approval nor complete it. */
    @Bean
    public TaskListener fourEyes(IdentityService identity) {
        return task -> {
            Object creator = task.getVariable(CampaignProcess.CREATED_BY);
            if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
                if (task.getAssignee() != null && task.getAssignee().equals(creator)) {
                    throw new ProcessEngineException("Four-eyes rule: " + creator
                            + " created this campaign and cannot approve it; another campaign manager must.");
                }
                return;
            }
            var authentication = identity.getCurrentAuthentication();
            String user = authentication == null ? null : authentication.getUserId();
            if (user == null) {
                throw new ProcessEngineException("Approving a campaign needs a logged-in campaign manager");
            }
            if (user.equals(creator)) {
                throw new ProcessEngineException("Four-eyes rule: " + user
                        + " created this campaign and cannot approve it; another campaign manager must.");
            }
        };
    }

    @Bean
    public JavaDelegate startWave(CampaignService service, Campaigns campaigns, DispatchSettings dispatch) {
        return execution -> {
            long id = campaignId(execution);
            int quota = dispatch.waveSize(campaigns.lettersPerHour(id, dispatch.lettersPerHour()));
            Object carried = execution.getVariable(CampaignProcess.WAVE_LEFT);
            int wave = carried instanceof Integer left && left > 0 ? left : quota;
            int slice = Math.min(wave, dispatch.waveSlice());
            long remaining = service.launchWave(id, slice);
            int waveLeft = remaining == 0 ? 0 : wave - slice;
            execution.setVariable(CampaignProcess.WAVE_LEFT, waveLeft);
            // the wait before the next slice: none while this wave's quota is not all started
            execution.setVariable(
                    CampaignProcess.WAVE_INTERVAL,
                    waveLeft > 0 ? "PT0S" : dispatch.waveInterval().toString());
            execution.setVariable(CampaignProcess.REMAINING, remaining);
        };
    }

    /** Whether every customer has a settled outcome (what "settled" means: {@code CustomerStatus.isSettled()}). */
    @Bean
    public JavaDelegate checkSettled(fr.einvoicing.adoption.customer.CampaignCustomers customers) {
        return execution -> execution.setVariable(
                CampaignProcess.ALL_SETTLED, customers.countUnsettled(campaignId(execution)) == 0);
    }

    @Bean
    public JavaDelegate closeCampaign(Campaigns campaigns, fr.einvoicing.adoption.campaign.CampaignService service) {
        return execution -> {
            campaigns.updateStatus(campaignId(execution), CampaignStatus.CLOSED);
            // what the review task offers: a follow-up campaign for those who refused or were not reached
            execution.setVariable(
                    CampaignProcess.FOLLOW_UP_CANDIDATES,
                    service.followUpCandidates(campaigns.get(campaignId(execution))));
        };
    }

    @Bean
    public JavaDelegate cancelCampaign(Campaigns campaigns) {
        return execution -> campaigns.updateStatus(campaignId(execution), CampaignStatus.CANCELLED);
    }
}
