package dev.confnotes.system;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per client for one kind of request. Answers how long a client must wait, or zero
 * when the request may go ahead. The least recently seen clients are forgotten past a bound, so
 * memory stays flat whoever calls.
 */
final class RateLimiter {

    private final RateLimitProperties.Limit limit;

    private final Clock clock;

    private final Map<String, Bucket> buckets;

    RateLimiter(RateLimitProperties.Limit limit, int maxClients, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes one permit for the client; returns how long to wait when there is none (then nothing is taken). */
    synchronized Duration acquire(String client) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(limit.burst(), now));
        double perMillis = limit.permits() / (double) Math.max(1, limit.per().toMillis());
        bucket.tokens = Math.min(limit.burst(), bucket.tokens + (now - bucket.updatedAt) * perMillis);
        bucket.updatedAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perMillis));
    }

    private static final class Bucket {

        double tokens;

        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
