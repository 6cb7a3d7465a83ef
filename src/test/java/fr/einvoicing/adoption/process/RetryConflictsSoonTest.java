package fr.einvoicing.adoption.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed jobs are retried at once, and which keep the model's retry cycle. */
class RetryConflictsSoonTest {

    private final List<String> standardCalls = new ArrayList<>();
    private final Command<Object> standardCommand = context -> null;
    private final RetryConflictsSoon factory = new RetryConflictsSoon((jobId, exception) -> {
        standardCalls.add(jobId);
        return standardCommand;
    });

    @Test
    void a_job_that_lost_a_race_is_retried_soon_even_when_the_conflict_is_wrapped() {
        assertThat(factory.getCommand("j1", new OptimisticLockingException("updated concurrently")))
                .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
        assertThat(factory.getCommand(
                        "j2",
                        new ProcessEngineException(
                                "flush failed", new OptimisticLockingException("updated concurrently"))))
                .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
        assertThat(standardCalls).isEmpty();
    }

    @Test
    void a_job_the_database_aborted_as_a_deadlock_is_retried_soon() {
        // what PostgreSQL's driver throws when two nodes end sibling branches at once, wrapped as Camunda does
        var deadlock = new java.sql.BatchUpdateException(
                "Batch entry 0 delete from ACT_RU_JOB was aborted", "40P01", new int[0]);
        deadlock.setNextException(new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
        assertThat(factory.getCommand(
                        "j1", new ProcessEngineException("flush failed", new RuntimeException("batch", deadlock))))
                .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
        var onlyNext = new java.sql.BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        onlyNext.setNextException(new java.sql.SQLException("could not serialize access", "40001"));
        assertThat(factory.getCommand("j2", new ProcessEngineException("flush failed", onlyNext)))
                .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
        assertThat(standardCalls).isEmpty();
    }

    @Test
    void a_database_error_that_is_not_a_conflict_keeps_the_models_retry_cycle() {
        var duplicate = new java.sql.SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(factory.getCommand("j1", new ProcessEngineException("flush failed", duplicate)))
                .isSameAs(standardCommand);
        assertThat(standardCalls).containsExactly("j1");
    }

    @Test
    void any_other_failure_keeps_the_models_retry_cycle() {
        assertThat(factory.getCommand("j1", new IllegalStateException("platform answered 503")))
                .isSameAs(standardCommand);
        assertThat(standardCalls).containsExactly("j1");
    }

    @Test
    void a_job_that_keeps_conflicting_falls_back_to_the_retry_cycle() {
        for (int i = 0; i < RetryConflictsSoon.QUICK_RETRIES; i++) {
            assertThat(factory.getCommand("j1", new OptimisticLockingException("again")))
                    .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
        }
        assertThat(factory.getCommand("j1", new OptimisticLockingException("again")))
                .isSameAs(standardCommand);
        // forgotten after that: the next conflict is a fresh race
        assertThat(factory.getCommand("j1", new OptimisticLockingException("later")))
                .isInstanceOf(RetryConflictsSoon.RetrySoon.class);
    }
}
