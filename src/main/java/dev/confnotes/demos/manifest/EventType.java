package dev.confnotes.demos.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The types of line a demo program may write to stdout: the one list the output pump, the content test and
 * demos/README.md go by. Anything else a program writes is shown as plain output, never as an event.
 */
public enum EventType {

    METRIC("metric", "line"),
    EVENT("event", "log"),
    NODE("node", "tree"),
    ROW("row", "table"),
    SPAN("span", "timeline"),
    /** Latest value per (view, id): coalesced, never dropped, under the event cap. */
    SNAPSHOT("snapshot", "flame", "heatmap"),
    STATE("state", "state"),
    /** The run's summary; always the last line of a successful run, never dropped. */
    DONE("done"),
    /** A failure; never dropped, then the program exits non-zero. */
    ERROR("error");

    private final String key;

    private final List<String> drawnBy;

    EventType(String key, String... drawnBy) {
        this.key = key;
        this.drawnBy = List.of(drawnBy);
    }

    /** The {@code type} of the line. */
    public String key() {
        return key;
    }

    /** The view kinds that draw this type. */
    public List<String> drawnBy() {
        return drawnBy;
    }

    /** Lines that end a run and so always go through the event cap. */
    public boolean essential() {
        return this == DONE || this == ERROR;
    }

    public static Optional<EventType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(EventType::key).toList();
    }
}
