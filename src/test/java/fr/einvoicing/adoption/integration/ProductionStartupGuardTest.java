package fr.einvoicing.adoption.integration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.einvoicing.adoption.AdoptionApplication;
import fr.einvoicing.adoption.support.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL profile starts only with a real administrator password, never a default one. */
class ProductionStartupGuardTest {

    private static ConfigurableApplicationContext start(String database, String adminPassword) {
        return start(database, "admin", adminPassword);
    }

    private static ConfigurableApplicationContext start(String database, String adminUser, String adminPassword) {
        return new SpringApplicationBuilder(AdoptionApplication.class)
                .profiles("postgres")
                // as a deployment passes them: command-line arguments win over the profile's file
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + EmbeddedPostgres.createDatabase(database),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--campaign.security.admin.username=" + adminUser,
                        "--campaign.security.admin.password=" + adminPassword);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void refuses_to_start_with_a_default_password() {
        assertThatThrownBy(() -> start("guard_default", "admin"))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("default password"));
    }

    @Test
    void refuses_to_start_with_a_short_password() {
        assertThatThrownBy(() -> start("guard_short", "S3cret!"))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("shorter than 12"));
    }

    @Test
    void refuses_a_user_name_the_engine_cannot_store_with_what_to_change() {
        assertThatThrownBy(() -> start("guard_name", "ops admin", "correct-horse-battery-42"))
                .satisfies(e -> assertThat(rootCause(e).getMessage())
                        .contains("campaign.security.admin")
                        .contains("letters, digits, '.', '_' and '-'"));
    }

    @Test
    void an_administrator_name_may_carry_a_hyphen_or_a_dot() {
        try (var context = start("guard_hyphen", "ops-admin.fr", "correct-horse-battery-42")) {
            var identity = context.getBean(org.camunda.bpm.engine.IdentityService.class);
            assertThat(identity.createUserQuery().userId("ops-admin.fr").count())
                    .isEqualTo(1);
        }
    }

    @Test
    void starts_with_a_real_password_and_no_demo_user() {
        try (var context = start("guard_ok", "correct-horse-battery-42")) {
            var identity = context.getBean(org.camunda.bpm.engine.IdentityService.class);
            assertThat(identity.createUserQuery().userId("admin").count()).isEqualTo(1);
            assertThat(identity.createUserQuery().userId("anna").count())
                    .as("no demo user")
                    .isZero();
        }
    }
}
