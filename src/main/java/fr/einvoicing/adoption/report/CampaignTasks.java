package fr.einvoicing.adoption.report;

import java.time.Instant;
import java.util.List;

/** The open and overdue tasks of a campaign's processes, per group that works on them (from the engine). */
public interface CampaignTasks {

    List<CampaignDashboard.GroupTasks> openTasks(String campaignCode, Instant now);
}
