package fr.einvoicing.adoption.process;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What happens to a job that lost a race: retried within a second or two, not after its model's retry
 * interval.
 *
 * <p>With several nodes, two branches of one instance (say the follow-ups' registration and webinar
 * invitation, both asynchronous after a parallel split) can run at the same moment on two nodes; the
 * second to commit fails with an {@link OptimisticLockingException}, or PostgreSQL aborts one of them
 * as a deadlock. Camunda does not count that as a
 * failed attempt, but still waits the model's {@code failedJobRetryTimeCycle} interval before trying
 * again: ten minutes for a platform registration that had nothing wrong with it. Here such a job is
 * handed back due in 0.5 to 2 seconds (spread, so that the two nodes do not collide again), its retries
 * untouched. Every other failure, and a job that keeps conflicting ({@value #QUICK_RETRIES} times in a
 * row on this node), takes the model's retry cycle as before.
 */
final class RetryConflictsSoon implements FailedJobCommandFactory {

    static final int QUICK_RETRIES = 20;

    private final FailedJobCommandFactory standard;
    /** Recent conflicts per job on this node, bounded: a job that stops conflicting is soon forgotten. */
    private final Map<String, Integer> conflicts = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 10_000;
        }
    });

    RetryConflictsSoon(FailedJobCommandFactory standard) {
        this.standard = standard;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
        if (isConflict(exception) && conflicts.merge(jobId, 1, Integer::sum) <= QUICK_RETRIES) {
            return new RetrySoon(jobId, exception);
        }
        conflicts.remove(jobId);
        return standard.getCommand(jobId, exception);
    }

    /**
     * SQL states of a transaction the database aborted because of another one, nothing wrong with the
     * job itself: deadlock detected (PostgreSQL 40P01; two nodes ending sibling branches delete the same
     * executions and jobs in another order) and serialization failure (40001).
     */
    static final java.util.Set<String> CONFLICT_SQL_STATES = java.util.Set.of("40P01", "40001");

    static boolean isConflict(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException e = sql;
                        e != null;
                        e = e.getNextException() == e ? null : e.getNextException()) {
                    if (e.getSQLState() != null && CONFLICT_SQL_STATES.contains(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Unlocks the job and makes it due again shortly; retries and the job's other fields stay as they are. */
    static final class RetrySoon extends JobRetryCmd {

        RetrySoon(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            job.unlock();
            long delay = ThreadLocalRandom.current().nextLong(500, 2_000);
            job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + delay));
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
