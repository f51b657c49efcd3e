package dev.confnotes.demos.history;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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

    private final DemosProperties properties;

    private final DemoCatalog catalog;

    private final DemoRunRepository history;

    private final JsonMapper json;

    private final Clock clock;

    private final String instanceId;

    public RunRecords(DemosProperties properties, DemoCatalog catalog, DemoRunRepository history, JsonMapper json,
            Clock clock, @Value("${confnotes.instance-id:}") String instanceId) {
        this.properties = properties;
        this.catalog = catalog;
        this.history = history;
        this.json = json;
        this.clock = clock;
        this.instanceId = instanceId == null || instanceId.isBlank() ? randomInstanceId() : instanceId.strip();
    }

    private static String randomInstanceId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
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
        Map<String, String> params = new LinkedHashMap<>();
        json.readTree(record.getParamsJson()).properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
        Outcome outcome = record.getOutcome().isFinal() ? record.getOutcome() : Outcome.FAILED;
        return Optional.of(Run.replay(record.getId(), manifest, params, record.getStartedAt(), record.getEndedAt(),
                outcome, record.getReason(), events));
    }

    /**
     * Records left "running" or "queued" by a server that died cannot be resumed: they are recorded as
     * failed, but only those no instance can still be running: started longer ago than the longest time
     * limit of any demo plus {@link #STALE_MARGIN} (every instance ends its runs at their time limit), or,
     * at start-up, carrying this instance's id (a fixed {@code confnotes.instance-id}: this host's previous
     * process died with it). Runs still going here are left alone.
     */
    public void failStale(boolean atStartUp, Predicate<String> goingHere) {
        try {
            List<DemoRun> open = history.findByOutcomeIn(List.of(Outcome.RUNNING, Outcome.QUEUED));
            if (open.isEmpty()) {
                return; // the usual case, and at start-up it spares reading every demo's manifest for the cutoff
            }
            int longest = catalog.all().stream().mapToInt(DemoManifest::timeLimitSeconds).max().orElse(0);
            Instant cutoff = clock.instant().minus(Duration.ofSeconds(longest).plus(STALE_MARGIN));
            open.forEach(record -> {
                boolean mine = atStartUp && instanceId.equals(record.getInstanceId());
                if ((mine || record.getStartedAt().isBefore(cutoff)) && !goingHere.test(record.getId())) {
                    record.end(record.getStartedAt(), Outcome.FAILED, "the server stopped during the run", null, 0,
                            false);
                    history.save(record);
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for runs left running by a stopped server: {}", ex.getMessage());
        }
    }
}
