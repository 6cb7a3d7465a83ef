package fr.einvoicing.adoption.response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import fr.einvoicing.adoption.CampaignProperties;

/**
 * Limits requests to the customer pages twice: per client address, so that nobody can try tokens
 * at speed, and per personal link, so that one link cannot be hammered from many addresses. The
 * address limit is generous because the customers of one company, or one accounting firm answering
 * for its clients, come from one address. The address is the one Tomcat determined: a forwarded
 * header counts only from a configured proxy. Remembers a bounded number of keys (oldest forgotten first).
 */
@Component
public class ResponseRateLimiter {

    private static final int MAX_KEYS = 20_000;
    /** Our tokens are 43 characters; longer ones cannot be ours and share one key (memory stays bounded). */
    private static final int MAX_TOKEN_KEY = 64;

    private final Limit perAddress;
    private final Limit perLink;

    public ResponseRateLimiter(CampaignProperties properties) {
        this.perAddress = new Limit(properties.response().requestsPerMinutePerAddress());
        this.perLink = new Limit(properties.response().requestsPerMinutePerLink());
    }

    /** Whether this request may be served; {@code token} is the personal link's token as it came in. */
    public boolean tryAcquire(String clientAddress, String token) {
        return perAddress.tryConsume(clientAddress == null ? "unknown" : clientAddress)
                && perLink.tryConsume(token == null || token.length() > MAX_TOKEN_KEY ? "no valid token" : token);
    }

    private static final class Limit {
        private final int perMinute;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };

        Limit(int perMinute) {
            this.perMinute = perMinute;
        }

        boolean tryConsume(String key) {
            Bucket bucket;
            synchronized (buckets) {
                bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
            }
            return bucket.tryConsume(1);
        }
    }
}
