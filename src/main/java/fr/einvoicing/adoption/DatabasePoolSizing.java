package fr.einvoicing.adoption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Sizes the database pool from the job executor, because sending a letter needs two connections at
 * once: the job's own transaction and the send-once records, which commit on their own before and
 * after the SMTP call. With Hikari's default of 10 connections and Camunda's default of 10 job threads,
 * every thread could hold one connection and wait forever for its second (seen: 82 letters out of 100
 * after 4 minutes). Unless a deployment sets the pool size, it becomes two per job thread, one for job
 * acquisition and {@link #FOR_REQUESTS} for the pages and APIs; a deployment that sets a smaller pool
 * is refused at start-up with the figure it needs.
 */
public class DatabasePoolSizing implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DatabasePoolSizing.class);

    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    static final String JOB_THREADS = "camunda.bpm.job-execution.max-pool-size";
    static final String JOBS_ENABLED = "camunda.bpm.job-execution.enabled";
    /** Camunda's default number of job threads. */
    static final int DEFAULT_JOB_THREADS = 10;
    /** Connections kept for HTTP requests (pages, the customer page, the REST APIs) and schedulers. */
    static final int FOR_REQUESTS = 10;

    private final Environment environment;

    public DatabasePoolSizing(Environment environment) {
        this.environment = environment;
    }

    /** The connections the application needs for its job threads, acquisition and requests. */
    public static int needed(int jobThreads) {
        return 2 * jobThreads + 1 + FOR_REQUESTS;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            boolean jobsOn = environment.getProperty(JOBS_ENABLED, Boolean.class, true);
            int jobThreads = jobsOn ? environment.getProperty(JOB_THREADS, Integer.class, DEFAULT_JOB_THREADS) : 0;
            int needed = needed(jobThreads);
            Integer configured = environment.getProperty(POOL_SIZE, Integer.class);
            if (configured == null) {
                if (pool.getMaximumPoolSize() < needed) {
                    pool.setMaximumPoolSize(needed);
                }
                log.info(
                        "Database pool sized to {} connections for {} job threads",
                        pool.getMaximumPoolSize(),
                        jobThreads);
            } else if (configured < needed) {
                throw new IllegalStateException("Refusing to start: " + POOL_SIZE + " is " + configured + " but "
                        + jobThreads + " job threads (" + JOB_THREADS + ") need " + needed + " connections (two per "
                        + "job thread, since a letter's send records commit on their own, one for job acquisition, "
                        + FOR_REQUESTS + " for requests). Raise the pool, lower the job threads, or remove the "
                        + "setting and let the application size the pool.");
            }
        }
        return bean;
    }
}
