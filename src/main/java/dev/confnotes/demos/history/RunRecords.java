package dev.confnotes.demos.history;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.runner.Outcome;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.demos.runner.RunEvent;
import dev.confnotes.demos.runner.RunReason;

/**
 * The database record of every run: saved when it starts, with the instance that started it, closed with
 * its event log when it ends, and replayed from after that. Several instances may share one database, so
 * a record left "running" is only failed once no instance can still be running it ({@link #failStale}).
 */
@Component
public class RunRecords {

    private static final Logger log = LoggerFactory.getLogger(RunRecords.class);

    /** Added to the longest time limit before a record left "running" counts as stale (clock skew, saving). */
    private static final Duration STALE_MARGIN = Duration.ofMinutes(2);

    /** How often this instance says it is alive ({@link #heartbeat}). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);

    /** An instance silent for this long is gone, and so are the runs it left "running". */
    static final Duration LEASE = HEARTBEAT.multipliedBy(3).plusSeconds(5);

    /** The reason a record left "running" by a server that is gone is closed with. */
    public static final String SERVER_STOPPED = RunReason.SERVER_STOPPED.text();

    private final DemosProperties properties;

    private final DemoCatalog catalog;

    private final DemoRunRepository history;

    private final JsonMapper json;

    private final Clock clock;

    private final String instanceId;

    private final RunnerInstanceRepository instances;

    private final String host = hostName();

    public RunRecords(DemosProperties properties, DemoCatalog catalog, DemoRunRepository history,
            RunnerInstanceRepository instances, JsonMapper json, Clock clock,
            @Value("${confnotes.instance-id:}") String instanceId) {
        this.properties = properties;
        this.catalog = catalog;
        this.history = history;
        this.instances = instances;
        this.json = json;
        this.clock = clock;
        this.instanceId = instanceId == null || instanceId.isBlank() ? randomInstanceId() : instanceId.strip();
    }

    private static String randomInstanceId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException | RuntimeException ex) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    /**
     * Says this instance is alive (every {@link #HEARTBEAT}): its host, pid and the time its process started,
     * so another instance on the same host knows at once when it is gone. Never throws.
     */
    public void heartbeat() {
        try {
            Instant now = clock.instant();
            RunnerInstance self = instances.findById(instanceId).orElseGet(() -> new RunnerInstance(instanceId, host,
                    ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant().orElse(null), now));
            self.beat(now);
            instances.save(self);
        }
        catch (RuntimeException ex) {
            log.warn("Could not record that this instance is alive: {}", ex.getMessage());
        }
    }

    /** This server instance, stored on every run it starts. */
    String instanceId() {
        return instanceId;
    }

    /** Saves the record of a run that starts, with its parameters in the order they were given. */
    public void started(Run run, Map<String, String> params) {
        history.save(new DemoRun(run.id, run.manifest.id(), json.writeValueAsString(params), run.startedAt,
                instanceId));
    }

    /**
     * Closes the record of a run that has ended, with its first {@code stored-events} events. Never throws:
     * a run whose end cannot be saved still ends (its record is failed later as stale).
     */
    public void ended(Run run, Outcome outcome, String reason) {
        try {
            history.findById(run.id).ifPresent(record -> {
                List<RunEvent> events = run.events();
                int kept = Math.min(events.size(), properties.storedEvents());
                ArrayNode eventLog = json.createArrayNode();
                for (RunEvent event : events.subList(0, kept)) {
                    ObjectNode entry = eventLog.addObject();
                    entry.put("seq", event.seq()).put("type", event.type()).put("t", event.t());
                    entry.set("data", json.readTree(event.json()));
                }
                record.end(run.endedAt(), outcome, reason, json.writeValueAsString(eventLog), events.size(),
                        kept < events.size());
                history.save(record);
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not record the end of run {}: {}", run.id, ex.getMessage());
        }
    }

    /** A record's parameters, in the order they were given. */
    public static Map<String, String> params(DemoRun record) {
        Map<String, String> params = new LinkedHashMap<>();
        JsonMapper.shared().readTree(record.getParamsJson())
            .properties()
            .forEach(e -> params.put(e.getKey(), e.getValue().asString()));
        return params;
    }

    /** A run rebuilt from its record, if there is one and its demo still exists. */
    public Optional<Run> replay(String id) {
        return history.findById(id).flatMap(this::rebuild);
    }

    private Optional<Run> rebuild(DemoRun record) {
        DemoManifest manifest = catalog.find(record.getDemoId()).orElse(null);
        if (manifest == null) {
            return Optional.empty();
        }
        List<RunEvent> events = new ArrayList<>();
        if (record.getEventLog() != null) {
            for (var node : json.readTree(record.getEventLog())) {
                events.add(new RunEvent(node.get("seq").asLong(), node.get("type").asString(), node.get("t").asLong(),
                        json.writeValueAsString(node.get("data"))));
            }
        }
        Map<String, String> params = params(record);
        Outcome outcome = record.getOutcome().isFinal() ? record.getOutcome() : Outcome.FAILED;
        return Optional.of(Run.replay(record.getId(), manifest, params, record.getStartedAt(), record.getEndedAt(),
                outcome, record.getReason(), events));
    }

    /**
     * Records left "running" or "queued" by a server that died cannot be resumed: they are closed as failed,
     * with the time that server was last known alive and the reason, but only those no instance can still be
     * running: the instance that started it is gone (silent past the lease, or its process on this host has
     * ended), or, at start-up, it is this instance's own id (a fixed {@code confnotes.instance-id}: this
     * host's previous process died with it); a record naming no known instance is closed once it is older than
     * the longest time limit of any demo plus {@link #STALE_MARGIN}. Runs still going here are left alone.
     */
    public void failStale(boolean atStartUp, Predicate<String> goingHere) {
        try {
            List<DemoRun> open = history.findByOutcomeIn(List.of(Outcome.RUNNING, Outcome.QUEUED));
            if (open.isEmpty()) {
                return; // the usual case, and at start-up it spares reading every demo's manifest for the cutoff
            }
            Instant now = clock.instant();
            Map<String, RunnerInstance> known = new HashMap<>();
            instances.findAllById(open.stream().map(DemoRun::getInstanceId).filter(Objects::nonNull)
                .collect(Collectors.toSet())).forEach(instance -> known.put(instance.getId(), instance));
            int longest = catalog.all().stream().mapToInt(DemoManifest::timeLimitSeconds).max().orElse(0);
            Instant cutoff = now.minus(Duration.ofSeconds(longest).plus(STALE_MARGIN));
            for (DemoRun record : open) {
                if (goingHere.test(record.getId())) {
                    continue;
                }
                Instant stoppedAt = stoppedAt(record, known.get(record.getInstanceId()), atStartUp, now, cutoff, longest);
                if (stoppedAt != null) {
                    record.end(stoppedAt, Outcome.FAILED, SERVER_STOPPED, null, 0, false);
                    history.save(record);
                }
            }
            instances.deleteByHeartbeatAtBefore(now.minus(Duration.ofDays(7)));
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for runs left running by a stopped server: {}", ex.getMessage());
        }
    }

    /**
     * When the server running this record stopped, or null while it may still be running it: this instance's own
     * record at start-up, or one whose instance is gone, ends at that instance's last heartbeat (not before the run
     * started); one naming no known instance ends at its time limit once it is past the cutoff.
     */
    private Instant stoppedAt(DemoRun record, RunnerInstance owner, boolean atStartUp, Instant now, Instant cutoff,
            int longest) {
        boolean mine = instanceId.equals(record.getInstanceId());
        if (mine ? atStartUp : owner != null && owner.isGone(now, LEASE, host)) {
            return owner != null && !owner.getHeartbeatAt().isBefore(record.getStartedAt()) ? owner.getHeartbeatAt()
                    : record.getStartedAt();
        }
        if (owner == null && !mine && record.getStartedAt().isBefore(cutoff)) {
            return record.getStartedAt().plusSeconds(longest);
        }
        return null;
    }
}
