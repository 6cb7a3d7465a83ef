package fr.einvoicing.adoption.followup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the connector calls in the BPMN read through expressions ({@code ${outsideServices...}}):
 * addresses, timeouts, headers, the registration's body. The model shows the calls; this bean holds the
 * deployment's settings and the secrets, which never become process variables. What comes from a
 * follow-up's own variables is handed over by {@code followup.process.PlatformRequests}.
 */
@Component("outsideServices")
public class OutsideServices {

    private final OutsideServicesProperties properties;
    private final ObjectMapper json;

    public OutsideServices(OutsideServicesProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public String registrySearchUrl(String siretOrSiren) {
        return trimSlash(properties.registry().baseUrl()) + "/search?q="
                + URLEncoder.encode(siretOrSiren == null ? "" : siretOrSiren, StandardCharsets.UTF_8);
    }

    public String registryHost() {
        return URI.create(properties.registry().baseUrl()).getHost();
    }

    public int registryConnectTimeout() {
        return millis(properties.registry().connectTimeout());
    }

    public int registryReadTimeout() {
        return millis(properties.registry().readTimeout());
    }

    public int registryRequestsPerSecond() {
        return properties.registry().requestsPerSecond();
    }

    public String platformRegistrationUrl() {
        return trimSlash(properties.platform().baseUrl()) + "/registrations";
    }

    public String platformAuthorization() {
        return "Bearer " + properties.platform().token();
    }

    public int platformConnectTimeout() {
        return millis(properties.platform().connectTimeout());
    }

    public int platformReadTimeout() {
        return millis(properties.platform().readTimeout());
    }

    /** What the platform registers for a customer: its delivery preferences and invoicing contact. */
    public record PlatformRegistration(
            String businessKey,
            String companyName,
            String siren,
            String siret,
            String format,
            String deliveryMode,
            String supplierInvoiceTool,
            String contactName,
            String contactEmail) {}

    /** The same key on every retry of one customer's registration: the platform registers once. */
    public String platformIdempotencyKey(String businessKey) {
        return "adoption:" + businessKey + ":registration";
    }

    /** The customer's delivery preferences as the platform expects them. */
    public String platformRegistrationBody(PlatformRegistration registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalReference", registration.businessKey());
        body.put("companyName", registration.companyName());
        body.put("siren", registration.siren());
        body.put("siret", registration.siret());
        body.put("format", registration.format());
        body.put("deliveryMode", registration.deliveryMode());
        body.put("supplierInvoiceTool", registration.supplierInvoiceTool());
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", registration.contactName());
        contact.put("email", registration.contactEmail());
        body.put("invoicingContact", contact);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connector settings for a registry call, as one map (used by the element template). */
    public Map<String, Object> registryRequestConfig() {
        return requestConfig(registryConnectTimeout(), registryReadTimeout());
    }

    public Map<String, Object> platformRequestConfig() {
        return requestConfig(platformConnectTimeout(), platformReadTimeout());
    }

    public Map<String, String> registryHeaders() {
        return Map.of("Accept", "application/json");
    }

    public Map<String, String> platformHeaders(String businessKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("Authorization", platformAuthorization());
        headers.put("Idempotency-Key", platformIdempotencyKey(businessKey));
        return headers;
    }

    private static Map<String, Object> requestConfig(int connectTimeout, int readTimeout) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connection-timeout", connectTimeout);
        config.put("socket-timeout", readTimeout);
        config.put("throw-http-error", "true");
        return config;
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
