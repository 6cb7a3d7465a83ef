package fr.einvoicing.adoption.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * What makes this application one node among several identical ones on a shared PostgreSQL.
 *
 * <p>Its <b>name</b> ({@code campaign.node-name}, e.g. the container's name) is the engine's host name:
 * Cockpit's job log and {@code act_hi_job_log.hostname_} then say which node ran each job, and the lock
 * owner of the jobs it holds starts with it.
 *
 * <p>On a <b>graceful stop</b> (SIGTERM, a rolling upgrade) the jobs this node acquired are handed back
 * at once instead of staying locked for the lock time (5 minutes by default), which would hold up the
 * letters and deadlines they carry while the other nodes wait. Without this, the stopping node goes on
 * acquiring and running jobs (in its acquisition thread, once the pool refuses new tasks) for some twenty
 * seconds, then Spring stops the pool abruptly: what runs or waits at that moment stays locked (4 jobs in
 * {@code ClusterTest} without this class). Here, first of every close listener: acquisition stops, the jobs already running finish
 * (up to {@code campaign.node.job-drain-timeout}), the queued ones unlock themselves (Camunda does so when
 * the executor is no longer active), and whatever is still locked by this node is unlocked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClusterNode extends AbstractProcessEnginePlugin implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final String nodeName;
    private final Duration drainTimeout;
    private final ObjectProvider<ProcessEngine> engine;
    private final ObjectProvider<TaskExecutor> jobThreads;

    public ClusterNode(
            @Value("${campaign.node-name:}") String nodeName,
            @Value("${campaign.node.job-drain-timeout:30s}") Duration drainTimeout,
            ObjectProvider<ProcessEngine> engine,
            @Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobThreads) {
        this.nodeName = nodeName;
        this.drainTimeout = drainTimeout;
        this.engine = engine;
        this.jobThreads = jobThreads;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (StringUtils.hasText(nodeName)) {
            configuration.setHostname(nodeName.trim());
        }
    }

    /**
     * The node's name leads its lock owner too: {@code act_ru_job.lock_owner_} says which node holds a job.
     * A job that lost a race against another node is retried at once ({@link RetryConflictsSoon}).
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new RetryConflictsSoon(configuration.getFailedJobCommandFactory()));
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (StringUtils.hasText(nodeName) && jobExecutor != null) {
            jobExecutor.setLockOwner(nodeName.trim() + ":" + UUID.randomUUID());
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        ProcessEngine processEngine = engine.getIfAvailable();
        if (!(processEngine instanceof ProcessEngineImpl impl)) {
            return;
        }
        JobExecutor jobExecutor = impl.getProcessEngineConfiguration().getJobExecutor();
        if (jobExecutor == null || !jobExecutor.isActive()) {
            return;
        }
        jobExecutor.shutdown();
        int held = lockedBy(impl, jobExecutor.getLockOwner()).size();
        boolean drained = drainJobThreads();
        int released = releaseJobsOf(impl, jobExecutor.getLockOwner());
        log.info(
                "Graceful stop of node {}: {} job(s) held at the stop; running ones {}, queued ones handed back,"
                        + " {} more unlocked for the other nodes",
                impl.getProcessEngineConfiguration().getHostname(),
                held,
                drained ? "finished" : "still running after " + drainTimeout,
                released);
    }

    private boolean drainJobThreads() {
        if (!(jobThreads.getIfAvailable() instanceof ThreadPoolTaskExecutor pool)) {
            return true;
        }
        ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
        threads.shutdown();
        try {
            return threads.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The ids of the jobs this node holds; read directly, the job query has no criterion on the lock owner. */
    private static List<String> lockedBy(ProcessEngineImpl engine, String lockOwner) {
        String table = engine.getManagementService().getTableName(JobEntity.class);
        List<String> ids = new ArrayList<>();
        try (Connection connection =
                        engine.getProcessEngineConfiguration().getDataSource().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select ID_ from " + table + " where LOCK_OWNER_ = ?")) {
            query.setString(1, lockOwner);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            log.warn(
                    "Could not list the jobs this node holds; they unlock when their lock expires: {}", e.getMessage());
        }
        return ids;
    }

    private static int releaseJobsOf(ProcessEngineImpl engine, String lockOwner) {
        int released = 0;
        for (String jobId : lockedBy(engine, lockOwner)) {
            try {
                engine.getProcessEngineConfiguration()
                        .getCommandExecutorTxRequired()
                        .execute(new UnlockJobCmd(jobId));
                released++;
            } catch (RuntimeException e) {
                log.warn(
                        "Could not hand back job {} on stop; it unlocks when its lock expires: {}",
                        jobId,
                        e.getMessage());
            }
        }
        return released;
    }
}
