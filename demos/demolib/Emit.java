package demolib;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stdout protocol (demos/README.md): one JSON object per line, flushed, {@code t} in milliseconds
 * since the process started. Programs send kinds and fields; the manifest words them for the reader.
 * Every method is thread-safe; nothing else may write to stdout.
 */
public final class Emit {
    private Emit() {}

    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

    private static final long START_MS = ProcessHandle.current().info().startInstant()
            .map(Instant::toEpochMilli).orElse(System.currentTimeMillis());

    /** Milliseconds since this process started. */
    public static long t() {
        return Math.max(0, System.currentTimeMillis() - START_MS);
    }

    /** Set once {@code done} is written: it is the last line, whatever other threads still send. */
    private static boolean ended;

    /** Writes one object as one line; {@code type} first, then {@code t}, then the rest. */
    public static void line(String type, Map<String, ?> fields) {
        var o = new LinkedHashMap<String, Object>();
        o.put("type", type);
        o.put("t", t());
        o.putAll(fields);
        String text = Json.write(o);
        synchronized (OUT) {
            if (ended) return;
            ended = "done".equals(type);
            OUT.print(text);
            OUT.print('\n');
            OUT.flush();
        }
    }

    /** Values for {@code line} views: {metric: number}. */
    public static void metric(Map<String, ?> values) {
        line("metric", Map.of("values", values));
    }

    /** A log entry: a kind the manifest's {@code events} words, and its fields. */
    public static void event(String kind, Map<String, ?> fields) {
        line("event", Json.obj("kind", kind, "fields", fields == null ? Map.of() : fields));
    }

    /** A row of a {@code table} view; the same id updates the row in place. */
    public static void row(String view, String id, Map<String, ?> cells) {
        line("row", Json.obj("view", view, "id", id, "cells", cells));
    }

    /** A span of a {@code timeline} view (a waterfall); {@code end} null while the span is open. */
    public static void span(String view, Span span) {
        var o = Json.obj("view", view, "id", span.id(), "parent", span.parent(), "lane", span.lane(),
                "label", span.label(), "start", span.start(), "end", span.end());
        if (span.group() != null) o.put("group", span.group());
        if (span.fields() != null && !span.fields().isEmpty()) o.put("fields", span.fields());
        line("span", o);
    }

    /** One span: times in milliseconds on one clock per view (usually {@link #t()} or a request's own start). */
    public record Span(String id, String parent, String lane, String label, double start, Double end, String group,
            Map<String, ?> fields) {
        public Span(String id, String parent, String lane, String label, double start, Double end) {
            this(id, parent, lane, label, start, end, null, null);
        }
    }

    /**
     * The latest totals of a {@code flame} or {@code heatmap} view under an id; the platform keeps the
     * newest per (view, id), so send totals at a steady rate rather than one line per sample.
     */
    public static void snapshot(String view, String id, Map<String, ?> data) {
        line("snapshot", Json.obj("view", view, "id", id, "data", data));
    }

    /** The current state of a {@code state} view. */
    public static void state(String view, String state) {
        line("state", Json.obj("view", view, "state", state));
    }

    /** The current state of one entity of a {@code state} view. */
    public static void state(String view, String entity, String state) {
        line("state", Json.obj("view", view, "entity", entity, "state", state));
    }

    /** A node of a {@code tree} view, re-sent whenever it changes. */
    public static void node(String id, String parent, String label, String state, Map<String, ?> extra) {
        var o = Json.obj("id", id, "parent", parent, "label", label, "state", state);
        if (extra != null) o.putAll(extra);
        line("node", o);
    }

    /** The last line of a successful run. */
    public static void done(Map<String, ?> summary) {
        line("done", Map.of("summary", summary));
    }

    /** A failure the manifest words by kind ({@code msg} is the fallback text); the program then exits non-zero. */
    public static void error(String kind, Map<String, ?> fields, String msg) {
        line("error", Json.obj("kind", kind, "fields", fields == null ? Map.of() : fields, "msg", msg));
    }
}
