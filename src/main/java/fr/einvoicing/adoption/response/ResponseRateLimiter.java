package fr.einvoicing.adoption.response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Limits requests to the public response page per client address, so that nobody can try tokens
 * at speed. Remembers a bounded number of addresses (oldest forgotten first).
 */
@Component
public class ResponseRateLimiter {

    private static final int MAX_CLIENTS = 20_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public ResponseRateLimiter(CampaignProperties properties) {
        this.perMinute = properties.response().requestsPerMinute();
    }

    public boolean tryAcquire(String clientAddress) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(clientAddress == null ? "unknown" : clientAddress, key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
        }
        return bucket.tryConsume(1);
    }
}
