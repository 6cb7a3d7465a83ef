package fr.einvoicing.adoption.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.einvoicing.adoption.followup.OutsideServicesProperties;

/**
 * A stand-in for the invoicing platform's registration API, for the demo profile only: it checks
 * the bearer token, answers the same registration for the same idempotency key, and lists what it
 * received at /sandbox/platform (login required) so a newcomer sees what the follow-ups sent.
 */
@RestController
@RequestMapping("/sandbox/platform")
@ConditionalOnProperty(name = "campaign.platform-sandbox.enabled", havingValue = "true")
public class PlatformSandbox {

    private final OutsideServicesProperties properties;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Map<String, Object>> registrations = new LinkedHashMap<>();

    public PlatformSandbox(OutsideServicesProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/registrations")
    public synchronized ResponseEntity<Map<String, Object>> register(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody Map<String, Object> body) {
        if (!("Bearer " + properties.platform().token()).equals(authorization)
                || properties.platform().token().isBlank()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid token"));
        }
        if (key == null || key.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "Idempotency-Key header required"));
        }
        Map<String, Object> existing = registrations.get(key);
        if (existing != null) {
            return ResponseEntity.ok(existing);
        }
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("registrationId", "SANDBOX-" + ids.incrementAndGet());
        registration.put("status", "REGISTERED");
        registration.put("receivedAt", clock.instant().toString());
        registration.put("request", body);
        registrations.put(key, registration);
        return ResponseEntity.status(HttpStatus.CREATED).body(registration);
    }

    @GetMapping
    public synchronized List<Map<String, Object>> received() {
        return new ArrayList<>(registrations.values());
    }
}
