package fr.einvoicing.adoption.followup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outside services the follow-ups call through Camunda Connect. Each property is in the README.
 *
 * @param registry the public company registry (API Recherche d'entreprises)
 * @param platform our invoicing platform's registration API
 * @param followUps whether acceptance starts the follow-ups
 */
@ConfigurationProperties("campaign")
public record OutsideServicesProperties(
        @DefaultValue Registry registry, @DefaultValue Platform platform, @DefaultValue FollowUps followUps) {

    /** @param enabled start the follow-ups when a customer accepts (off while the platform is not ready) */
    public record FollowUps(@DefaultValue("true") boolean enabled) {}

    /**
     * @param baseUrl           without a trailing slash; the call is {@code GET {baseUrl}/search?q=...}
     * @param requestsPerSecond the registry's limit, respected across every journey of this application
     */
    public record Registry(
            @DefaultValue("https://recherche-entreprises.api.gouv.fr") String baseUrl,
            @DefaultValue("7") int requestsPerSecond,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {}

    /**
     * @param baseUrl registrations are POSTed to {@code {baseUrl}/registrations}
     * @param token   bearer token of the platform's API (from the environment, never in a file)
     */
    public record Platform(
            @DefaultValue("http://localhost:8090/api") String baseUrl,
            @DefaultValue("") String token,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("20s") Duration readTimeout) {}
}
