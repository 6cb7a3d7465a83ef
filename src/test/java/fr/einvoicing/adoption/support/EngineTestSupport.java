package fr.einvoicing.adoption.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The engine test context whose SMTP relay is GreenMail; most tests share it. */
public abstract class EngineTestSupport extends EngineTestBase {

    private static final int HTTP_PORT = FreePorts.next();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
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
