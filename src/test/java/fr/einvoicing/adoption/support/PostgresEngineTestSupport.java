package fr.einvoicing.adoption.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine test context on a real PostgreSQL (zonky's binaries), GreenMail as the SMTP relay, the
 * job executor off: what the hardening tests run on, since PostgreSQL is what production runs.
 */
public abstract class PostgresEngineTestSupport extends EngineTestBase {

    private static final int HTTP_PORT = FreePorts.next();
    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        // a database of its own for each test class (each has its own context)
        String url = EmbeddedPostgres.createDatabase("hardening_" + DATABASES.incrementAndGet());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("campaign.public-base-url", () -> "http://localhost:" + HTTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
    }

    @Override
    protected String baseUrl() {
        return "http://localhost:" + HTTP_PORT;
    }
}
