package dev.confnotes.demos.history;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.confnotes.demos.runner.Outcome;
import dev.confnotes.demos.runner.RunReason;

/**
 * The record of one run: what was asked, how it ended and its first events, so {@code /runs/{id}}
 * can replay it after the process (and the server) are gone.
 */
@Entity
@Table(name = "demo_run", indexes = @Index(name = "demo_run_demo_started", columnList = "demo_id, started_at"))
public class DemoRun {

    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "demo_id", nullable = false, length = 60)
    private String demoId;

    // Text in the row on every database: @Lob becomes an oid large object on PostgreSQL.
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "params_json", nullable = false)
    private String paramsJson;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** The server instance that ran it ({@code confnotes.instance-id}, or random per process); null in old records. */
    @Column(name = "instance_id", length = 64)
    private String instanceId;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Outcome outcome;

    @Column(length = 500)
    private String reason;

    /** A JSON array of {@code {seq, type, t, data}}: the first {@code confnotes.demos.stored-events} events. */
    // Text in the row on every database: @Lob becomes an oid large object on PostgreSQL.
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "event_log")
    private String eventLog;

    @Column(name = "event_count", nullable = false)
    private int eventCount;

    /** True when the run had more events than the log keeps. */
    @Column(name = "log_trimmed", nullable = false)
    private boolean logTrimmed;

    protected DemoRun() {
    }

    DemoRun(String id, String demoId, String paramsJson, Instant startedAt, String instanceId) {
        this.id = id;
        this.demoId = demoId;
        this.paramsJson = paramsJson;
        this.startedAt = startedAt;
        this.instanceId = instanceId;
        this.outcome = Outcome.RUNNING;
    }

    void end(Instant endedAt, Outcome outcome, String reason, String eventLog, int eventCount, boolean trimmed) {
        this.endedAt = endedAt;
        this.outcome = outcome;
        this.reason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
        this.eventLog = eventLog;
        this.eventCount = eventCount;
        this.logTrimmed = trimmed;
    }

    public String getId() {
        return id;
    }

    public String getDemoId() {
        return demoId;
    }

    public String getParamsJson() {
        return paramsJson;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    /** Why the run ended, in words for a page in the reader's language. */
    public RunReason.Words reasonWords() {
        return RunReason.words(reason);
    }

    public String getEventLog() {
        return eventLog;
    }

    public int getEventCount() {
        return eventCount;
    }

    public boolean isLogTrimmed() {
        return logTrimmed;
    }
}
