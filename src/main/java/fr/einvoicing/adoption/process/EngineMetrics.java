package fr.einvoicing.adoption.process;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import fr.einvoicing.adoption.security.Groups;

/**
 * The engine's queues as metrics: Tasklist tasks open and overdue per group, jobs waiting for a
 * job executor, jobs out of retries and open incidents. Read from the shared database at most
 * every 15 seconds; every node reports the same figures (take {@code max} across nodes).
 */
@Component
public class EngineMetrics {

    private final TaskService tasks;
    private final ManagementService management;
    private final RuntimeService runtime;

    private final Map<String, AtomicLong> openTasks = new LinkedHashMap<>();
    private final Map<String, AtomicLong> overdueTasks = new LinkedHashMap<>();
    private final AtomicLong jobBacklog = new AtomicLong();
    private final AtomicLong failedJobs = new AtomicLong();
    private final AtomicLong incidents = new AtomicLong();

    public EngineMetrics(
            TaskService tasks, ManagementService management, RuntimeService runtime, MeterRegistry registry) {
        this.tasks = tasks;
        this.management = management;
        this.runtime = runtime;
        for (String group : Groups.OPERATORS) {
            openTasks.put(
                    group, gauge(registry, "adoption.tasks.open", "Open Tasklist tasks, by candidate group", group));
            overdueTasks.put(
                    group,
                    gauge(
                            registry,
                            "adoption.tasks.overdue",
                            "Open Tasklist tasks past their due date, by candidate group",
                            group));
        }
        Gauge.builder("adoption.jobs.backlog", jobBacklog, AtomicLong::get)
                .description("Jobs due now that no job executor has finished yet (letters, timers, calls)")
                .register(registry);
        Gauge.builder("adoption.jobs.failed", failedJobs, AtomicLong::get)
                .description("Jobs out of retries, each with an incident in Cockpit")
                .register(registry);
        Gauge.builder("adoption.incidents.open", incidents, AtomicLong::get)
                .description("Open incidents in Cockpit")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${campaign.metrics.refresh-interval:PT15S}")
    public void refresh() {
        Date now = ClockUtil.getCurrentTime();
        for (String group : Groups.OPERATORS) {
            openTasks
                    .get(group)
                    .set(tasks.createTaskQuery()
                            .taskCandidateGroup(group)
                            .includeAssignedTasks()
                            .count());
            overdueTasks
                    .get(group)
                    .set(tasks.createTaskQuery()
                            .taskCandidateGroup(group)
                            .includeAssignedTasks()
                            .dueBefore(now)
                            .count());
        }
        jobBacklog.set(management.createJobQuery().executable().count());
        failedJobs.set(management.createJobQuery().noRetriesLeft().count());
        incidents.set(runtime.createIncidentQuery().count());
    }

    private static AtomicLong gauge(MeterRegistry registry, String name, String description, String group) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get)
                .description(description)
                .tag("group", group)
                .register(registry);
        return value;
    }
}
