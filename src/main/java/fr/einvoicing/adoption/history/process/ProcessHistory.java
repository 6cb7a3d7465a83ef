package fr.einvoicing.adoption.history.process;

import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.followup.process.FollowUpVariables;
import fr.einvoicing.adoption.process.AdoptionVariables;

/**
 * What Camunda's history keeps of our processes: what happened in them, not the engine's routine nor copies
 * of our own records.
 *
 * <p>At {@code history-level: full} Camunda writes, per customer, some 160 rows and 150 KB (benchmark, 10,000
 * customers), six times the application's own records of the same customer. Most of it nobody reads: what
 * a customer was sent and answered, and who decided what, is in the application's evidence tables, which
 * the history cleanup never touches. By default these are not written, each behind a setting that restores
 * Camunda's behaviour (e.g. to follow a model step by step while debugging it):
 *
 * <ul>
 *   <li>{@code campaign.history.variable-changes}: a detail row ({@code act_hi_detail}) each time a
 *       variable is set; each variable's last value stays ({@code act_hi_varinst}, as Cockpit shows it);
 *   <li>{@code campaign.history.routing-steps}: the routing gateways (exclusive, parallel, inclusive; the
 *       event-based gateway, a wait, stays) and the plain start event of each embedded sub-process, whose
 *       activity instance stays: the path is read from the tasks and events that follow them;
 *   <li>{@code campaign.history.job-creations}: the job log's "created" rows; the rows of each job's run
 *       (with the node that ran it), failure and deletion stay;
 *   <li>{@code campaign.history.record-copies}: the customer's data a process is started with from the
 *       application's records ({@link #RECORD_COPIES}); the customer id and campaign code stay, to find a
 *       customer's history, and a copy the process changes later is kept from that change on.
 * </ul>
 *
 * Everything else {@code full} keeps stays: process instances, tasks and who did them, timers and messages,
 * service tasks, incidents, decisions, the operations log.
 *
 * <p>The engine's history level stays {@code full}: the database records it and refuses an engine that
 * starts with another one, so switching these settings needs no migration, on any node, in either
 * direction.
 */
@Component
public class ProcessHistory extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ProcessHistory.class);

    /** The variables our processes are started with from the application's records, but the identifiers. */
    public static final Set<String> RECORD_COPIES = Set.of(
            AdoptionVariables.CUSTOMER_REF,
            AdoptionVariables.COMPANY_NAME,
            AdoptionVariables.CONTACT_NAME,
            AdoptionVariables.CUSTOMER_EMAIL,
            AdoptionVariables.ACCOUNT_MANAGER,
            AdoptionVariables.SEGMENT,
            AdoptionVariables.EVIDENCE_URL,
            AdoptionVariables.PRINTABLE_LETTER_URL,
            AdoptionVariables.ISSUER_SIZE,
            AdoptionVariables.CUSTOMER_COUNTRY,
            AdoptionVariables.VAT_REGISTERED,
            AdoptionVariables.PUBLIC_ENTITY,
            FollowUpVariables.FILE_SIREN,
            FollowUpVariables.FILE_SIRET,
            FollowUpVariables.FILE_CONTACT,
            FollowUpVariables.SIREN,
            FollowUpVariables.SIRET,
            FollowUpVariables.REGISTRY_QUERY,
            FollowUpVariables.INVOICING_CONTACT_NAME,
            FollowUpVariables.INVOICING_CONTACT_EMAIL,
            FollowUpVariables.SUPPLIER_TOOL,
            FollowUpVariables.WANTED_FORMAT,
            FollowUpVariables.DELIVERY_MODE,
            FollowUpVariables.INTEROP_NEEDED,
            FollowUpVariables.TERMS_VALIDATED,
            FollowUpVariables.TERMS_VERSION,
            FollowUpVariables.WEBINAR_OFFERED,
            FollowUpVariables.LAST_SESSION_AT);

    /** The identifiers every process of a customer carries, kept in history to find them. */
    public static final Set<String> IDENTIFIERS =
            Set.of(AdoptionVariables.CUSTOMER_ID, AdoptionVariables.CAMPAIGN_CODE);

    private static final Set<String> ROUTING_GATEWAYS = Set.of(
            ActivityTypes.GATEWAY_EXCLUSIVE,
            ActivityTypes.GATEWAY_PARALLEL,
            ActivityTypes.GATEWAY_INCLUSIVE,
            ActivityTypes.GATEWAY_COMPLEX);

    private final Kept kept;

    public ProcessHistory(
            @Value("${campaign.history.variable-changes:false}") boolean variableChanges,
            @Value("${campaign.history.routing-steps:false}") boolean routingSteps,
            @Value("${campaign.history.job-creations:false}") boolean jobCreations,
            @Value("${campaign.history.record-copies:false}") boolean recordCopies) {
        this.kept = new Kept(variableChanges, routingSteps, jobCreations, recordCopies);
    }

    /** Which of the four kinds of rows are written. */
    record Kept(boolean variableChanges, boolean routingSteps, boolean jobCreations, boolean recordCopies) {
        boolean all() {
            return variableChanges && routingSteps && jobCreations && recordCopies;
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (kept.all()) {
            return;
        }
        if (configuration.getHistoryEventHandler() != null) {
            throw new IllegalStateException("Another history event handler is configured: set"
                    + " campaign.history.variable-changes, routing-steps, job-creations and record-copies to true"
                    + " to keep it");
        }
        configuration.setHistoryEventHandler(new Handler(kept));
        log.info(
                "History: variable changes {}, routing steps {}, job creations {}, copies of our records {}"
                        + " (campaign.history.*)",
                kept.variableChanges() ? "kept" : "not kept",
                kept.routingSteps() ? "kept" : "not kept",
                kept.jobCreations() ? "kept" : "not kept",
                kept.recordCopies() ? "kept" : "not kept");
    }

    /** Camunda's own handler, but for the rows the settings leave out. */
    static final class Handler extends DbHistoryEventHandler {
        private final Kept kept;

        Handler(Kept kept) {
            this.kept = kept;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (written(event)) {
                super.handleEvent(event);
            }
        }

        boolean written(HistoryEvent event) {
            if (event instanceof HistoricActivityInstanceEventEntity activity) {
                return kept.routingSteps() || !routingStep(activity);
            }
            if (event instanceof HistoricJobLogEvent job) {
                return kept.jobCreations() || job.getState() != JobState.CREATED.getStateCode();
            }
            if (event instanceof HistoricVariableUpdateEventEntity variable) {
                // an update of a copy left out inserts its row then, as Camunda does for a variable it has no
                // history of: a copy the process changes is kept from that change on
                return kept.recordCopies()
                        || !variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
                        || !RECORD_COPIES.contains(variable.getVariableName());
            }
            return true;
        }

        /** A gateway that routes, or the plain start event of an embedded sub-process. */
        private static boolean routingStep(HistoricActivityInstanceEventEntity activity) {
            String type = activity.getActivityType();
            if (ROUTING_GATEWAYS.contains(type)) {
                return true;
            }
            return ActivityTypes.START_EVENT.equals(type)
                    && activity.getParentActivityInstanceId() != null
                    && !activity.getParentActivityInstanceId().equals(activity.getProcessInstanceId());
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return kept.variableChanges() && super.shouldWriteHistoricDetail(event);
        }
    }
}
