package dev.confnotes.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limits on what a client can make expensive: searching and starting demo runs; and on
 * commands sent to runs, which are cheap but should not be sent in a loop. Commands have their own
 * bucket, so a reader clicking through a tree's cancel buttons never uses up the runs they may start.
 *
 * @param enabled whether the limits apply at all
 * @param search requests to {@code /search} and {@code /api/search}
 * @param runs requests that start a demo run
 * @param commands commands sent to a run's program
 * @param maxClients how many clients are tracked at once (per limit) before idle ones are forgotten
 */
@ConfigurationProperties("confnotes.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Limit search,
        @DefaultValue Limit runs, @DefaultValue Limit commands, @DefaultValue("10000") int maxClients) {

    /**
     * A token bucket: {@code burst} requests at once, refilled by {@code permits} every {@code per}.
     */
    record Limit(@DefaultValue("30") int burst, @DefaultValue("10") int permits, @DefaultValue("1s") Duration per) {
    }
}
