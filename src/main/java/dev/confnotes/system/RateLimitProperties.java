package dev.confnotes.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limits on the two things a client can make expensive: searching and starting demo runs.
 *
 * @param enabled whether the limits apply at all
 * @param search requests to {@code /search} and {@code /api/search}
 * @param runs requests that start a demo run
 * @param maxClients how many clients are tracked at once before idle ones are forgotten
 */
@ConfigurationProperties("confnotes.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Limit search,
        @DefaultValue Limit runs, @DefaultValue("10000") int maxClients) {

    /**
     * A token bucket: {@code burst} requests at once, refilled by {@code permits} every {@code per}.
     */
    record Limit(@DefaultValue("30") int burst, @DefaultValue("10") int permits, @DefaultValue("1s") Duration per) {
    }
}
