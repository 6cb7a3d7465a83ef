package fr.einvoicing.adoption;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePoolSizingTest {

    private HikariDataSource sized(MockEnvironment environment) {
        HikariDataSource pool = new HikariDataSource();
        new DatabasePoolSizing(environment).postProcessAfterInitialization(pool, "dataSource");
        return pool;
    }

    @Test
    void an_unset_pool_gets_two_connections_per_job_thread_and_room_for_requests() {
        assertThat(sized(new MockEnvironment()).getMaximumPoolSize()).isEqualTo(31);
        assertThat(sized(new MockEnvironment().withProperty(DatabasePoolSizing.JOB_THREADS, "20"))
                        .getMaximumPoolSize())
                .isEqualTo(51);
        assertThat(sized(new MockEnvironment().withProperty(DatabasePoolSizing.JOBS_ENABLED, "false"))
                        .getMaximumPoolSize())
                .as("Hikari's default is enough without jobs")
                .isEqualTo(11);
    }

    @Test
    void a_pool_set_too_small_refuses_to_start_with_the_figure_needed() {
        var environment = new MockEnvironment().withProperty(DatabasePoolSizing.POOL_SIZE, "10");
        assertThatThrownBy(() -> sized(environment))
                .hasMessageContaining("maximum-pool-size is 10 but 10 job threads")
                .hasMessageContaining("need 31 connections");
    }

    @Test
    void a_pool_set_large_enough_is_kept() {
        var environment = new MockEnvironment().withProperty(DatabasePoolSizing.POOL_SIZE, "40");
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(40);
        new DatabasePoolSizing(environment).postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getMaximumPoolSize()).isEqualTo(40);
    }
}
