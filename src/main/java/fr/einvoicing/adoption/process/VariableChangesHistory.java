package fr.einvoicing.adoption.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether Camunda's history keeps every value a process variable took ({@code act_hi_detail}), or only
 * its last one ({@code act_hi_varinst}, as Cockpit shows it).
 *
 * <p>At {@code history-level: full} Camunda writes a detail row each time a variable is set: per
 * customer, a quarter of the database (47 KB of 205 KB in the benchmark at 2,000 customers), for values
 * nobody reads: what a customer was sent and answered is in the application's evidence tables, and each
 * variable's last value stays in the history. So by default ({@code campaign.history.variable-changes:
 * false}) the details of variable updates are not written; everything else {@code full} keeps stays
 * (activity instances, tasks, incidents, the job log with the node that ran each job, decisions, the
 * operations log, form fields). {@code true} restores Camunda's behaviour, e.g. to follow a model's
 * variables step by step while debugging it.
 *
 * <p>The engine's history level stays {@code full}: the database records it and refuses an engine that
 * starts with another one, so switching this setting needs no migration, on any node, in either
 * direction.
 */
@Component
public class VariableChangesHistory extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(VariableChangesHistory.class);

    private final boolean keepChanges;

    public VariableChangesHistory(@Value("${campaign.history.variable-changes:false}") boolean keepChanges) {
        this.keepChanges = keepChanges;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (keepChanges) {
            return;
        }
        if (configuration.getHistoryEventHandler() != null) {
            throw new IllegalStateException("Another history event handler is configured: set"
                    + " campaign.history.variable-changes=true to keep it");
        }
        configuration.setHistoryEventHandler(new LastValuesOnly());
        log.info("History: the last value of each process variable is kept, not each change"
                + " (campaign.history.variable-changes=false)");
    }

    /** Camunda's own handler, but for the detail row of each variable update. */
    static final class LastValuesOnly extends DbHistoryEventHandler {
        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
        }
    }
}
