package dev.confnotes.demos.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of the event streams to viewers; each is documented in {@code application.properties} (section Demos).
 *
 * @param maxPerClient open event streams one client address may hold; past it a new stream gets 429 with
 *        {@code Retry-After}
 * @param maxBacklog events the run may add while a viewer's connection takes nothing; past it the viewer is
 *        disconnected, and its browser resumes with {@code Last-Event-ID} (the run keeps its events)
 * @param stallTimeout how long a viewer's connection may take nothing while events wait for it before it is
 *        disconnected the same way
 * @param retryAfter what {@code Retry-After} says to a client past {@code maxPerClient}
 * @param sendBuffer the kernel's send buffer of an event stream's connection, fixed instead of grown by the
 *        kernel (on loopback to 4 MB): what a stalled reader can hold, and so how soon it is found stalled
 */
@ConfigurationProperties("confnotes.demos.streams")
public record StreamProperties(@DefaultValue("32") int maxPerClient, @DefaultValue("1000") int maxBacklog,
        @DefaultValue("20s") Duration stallTimeout, @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("8KB") DataSize sendBuffer) {
}
