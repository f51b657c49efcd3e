package dev.confnotes.demos.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One server process that runs demos, as the instances sharing a database see it: where it runs and when it
 * last said it was alive. A run record left "running" by an instance that is gone can be closed at once.
 */
@Entity
@Table(name = "runner_instance")
public class RunnerInstance {

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 255)
    private String host;

    @Column(nullable = false)
    private long pid;

    @Column(name = "process_started_at")
    private Instant processStartedAt;

    @Column(name = "heartbeat_at", nullable = false)
    private Instant heartbeatAt;

    protected RunnerInstance() {
    }

    RunnerInstance(String id, String host, long pid, Instant processStartedAt, Instant heartbeatAt) {
        this.id = id;
        this.host = host;
        this.pid = pid;
        this.processStartedAt = processStartedAt;
        this.heartbeatAt = heartbeatAt;
    }

    void beat(Instant at) {
        this.heartbeatAt = at;
    }

    public String getId() {
        return id;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    /**
     * Gone when it has not beaten for longer than the lease, or at once when it ran on this host and its
     * process is no more (a pid alone could have been reused: its start time must match too).
     */
    boolean isGone(Instant now, Duration lease, String thisHost) {
        if (heartbeatAt.isBefore(now.minus(lease))) {
            return true;
        }
        if (!host.equals(thisHost)) {
            return false;
        }
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().startInstant().orElse(null))
            .filter(started -> processStartedAt == null
                    || Duration.between(started, processStartedAt).abs().compareTo(Duration.ofSeconds(1)) <= 0)
            .isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunnerInstance that && Objects.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
