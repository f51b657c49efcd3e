package dev.confnotes.demos.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.EventType;

/**
 * Turns a run's stdout and stderr into events, under the caps: lines longer than the line cap are
 * cut, output past the byte cap (counted in UTF-8 bytes) is read and thrown away (the child never blocks
 * on a full pipe), and events past the per-second cap are dropped, except that {@code done} and
 * {@code error} always go through, and lines that stand for the latest value of something are coalesced
 * instead: the latest metric of the second, the latest {@code node} of each id, {@code row}, {@code span}
 * and {@code snapshot} of each view and id, {@code state} of each view and entity. Those kept are sent when
 * the second ends (the runner calls {@link #tick} every second) or with the next event after it. Every cut
 * is announced by an {@code event} of kind {@code truncated}. The types a program may write are
 * {@link EventType}'s.
 */
final class OutputPump {

    private final Run run;

    private final JsonMapper json;

    private final long maxBytes;

    private final int maxLine;

    private final int maxPerSecond;

    private long bytes;

    private boolean bytesCut;

    private long windowStart = -1;

    private int inWindow;

    private int dropped;

    /**
     * The latest line of each coalescing key over the cap this second, in first-seen order: the key is the
     * type and what the line is the latest value of ({@link #coalescingKey}).
     */
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    private record Kept(String type, String line) {
    }

    private volatile String lastError;

    private volatile String oom;

    private final StringBuilder stderrTail = new StringBuilder();

    OutputPump(Run run, JsonMapper json, DemosProperties properties) {
        this.run = run;
        this.json = json;
        this.maxBytes = properties.maxOutputBytes().toBytes();
        this.maxLine = (int) properties.maxLineBytes().toBytes();
        this.maxPerSecond = properties.maxEventsPerSecond();
    }

    void pumpStdout(InputStream in) throws IOException {
        readLines(in, this::stdoutLine);
        synchronized (this) {
            flushWindow();
        }
    }

    void pumpStderr(InputStream in) throws IOException {
        readLines(in, this::stderrLine);
    }

    String lastError() {
        return lastError;
    }

    String outOfMemory() {
        return oom;
    }

    synchronized String stderrTail() {
        return stderrTail.toString().strip();
    }

    /** Sends what was kept over the cap once its second is over; called by the runner every second. */
    synchronized void tick() {
        if (windowStart >= 0 && run.elapsedMillis() - windowStart >= 1000) {
            flushWindow();
        }
    }

    private interface LineHandler {

        void line(String text, int bytes, boolean cut);
    }

    private void readLines(InputStream in, LineHandler handler) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean cut = false;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    handler.line(line.toString(StandardCharsets.UTF_8), line.size(), cut);
                    line.reset();
                    cut = false;
                }
                else if (line.size() < maxLine) {
                    line.write(b);
                }
                else {
                    cut = true;
                }
            }
        }
        if (line.size() > 0) {
            handler.line(line.toString(StandardCharsets.UTF_8), line.size(), cut);
        }
    }

    private synchronized void stdoutLine(String text, int lineBytes, boolean cut) {
        if (!countBytes(lineBytes)) {
            return;
        }
        if (cut) {
            truncated("a line longer than " + maxLine + " bytes was cut", "line");
        }
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        JsonNode node = null;
        if (!cut && line.startsWith("{")) {
            try {
                node = json.readTree(line);
            }
            catch (JacksonException ex) {
                node = null;
            }
        }
        EventType type = node instanceof ObjectNode object && object.get("type") != null && object.get("type").isString()
                ? EventType.of(object.get("type").stringValue()).orElse(null) : null;
        if (type != null) {
            ObjectNode object = (ObjectNode) node;
            if (!object.has("t")) {
                object.put("t", run.elapsedMillis());
            }
            if (type == EventType.ERROR) {
                lastError = object.get("msg") != null ? object.get("msg").asString()
                        : object.path("kind").asString("error");
            }
            emit(type.key(), json.writeValueAsString(object), coalescingKey(type, object));
        }
        else {
            emit("event", plainEvent("stdout", line), null);
        }
    }

    private synchronized void stderrLine(String text, int lineBytes, boolean cut) {
        if (text.contains("java.lang.OutOfMemoryError") && oom == null) {
            int at = text.indexOf("java.lang.OutOfMemoryError");
            oom = text.substring(at).strip();
        }
        stderrTail.append(text).append('\n');
        if (stderrTail.length() > 4000) {
            stderrTail.delete(0, stderrTail.length() - 4000);
        }
        if (!countBytes(lineBytes) || text.isBlank()) {
            return;
        }
        emit("event", plainEvent("stderr", cut ? text + " …" : text), null);
    }

    /** Counts one line of {@code lineBytes} UTF-8 bytes plus its newline against the byte cap. */
    private boolean countBytes(int lineBytes) {
        bytes += lineBytes + 1L;
        if (bytes <= maxBytes) {
            return true;
        }
        if (!bytesCut) {
            bytesCut = true;
            flushWindow();
            run.append("event", truncatedJson("output passed the cap of " + maxBytes + " bytes; the rest is cut",
                    "bytes", 0));
        }
        return false;
    }

    /**
     * What a line is the latest value of, so that over the cap only the newest is kept; null for a line that
     * stands for itself (an {@code event}), which is dropped over the cap.
     */
    static String coalescingKey(EventType type, ObjectNode line) {
        return switch (type) {
            case METRIC -> "metric";
            case NODE -> "node:" + line.path("id").asString("");
            case ROW, SPAN, SNAPSHOT -> type.key() + ":" + line.path("view").asString("") + ":" + line.path("id").asString("");
            case STATE -> "state:" + line.path("view").asString("") + ":" + line.path("entity").asString("");
            default -> null;
        };
    }

    private void emit(String type, String line, String key) {
        long now = run.elapsedMillis();
        if (windowStart < 0 || now - windowStart >= 1000) {
            flushWindow();
            windowStart = now;
            inWindow = 0;
        }
        if ("done".equals(type) || "error".equals(type)) {
            // essential: never dropped; what was kept of this second (and the count of what was not) goes first,
            // so the end comes last
            flushWindow();
            inWindow++;
            run.append(type, line);
        }
        else if (inWindow < maxPerSecond) {
            inWindow++;
            run.append(type, line);
        }
        else if (key != null) {
            // a later value replaces the kept one where it was first seen; the older value is the one lost
            if (kept.remove(key) != null && !type.equals(EventType.SNAPSHOT.key())) {
                dropped++;
            }
            kept.put(key, new Kept(type, line));
        }
        else {
            dropped++;
        }
    }

    private void flushKept() {
        kept.values().forEach(k -> run.append(k.type(), k.line()));
        kept.clear();
    }

    private void flushWindow() {
        flushKept();
        if (dropped > 0) {
            run.append("event", truncatedJson(dropped + " events over the cap of " + maxPerSecond
                    + " a second were dropped (of metrics, nodes, rows, spans and states the latest was kept)", "rate", dropped));
            dropped = 0;
        }
    }

    private void truncated(String msg, String what) {
        run.append("event", truncatedJson(msg, what, 0));
    }

    private String truncatedJson(String msg, String what, int dropped) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "event").put("t", run.elapsedMillis()).put("kind", "truncated").put("msg", msg);
        event.putObject("fields").put("cap", what).put("dropped", dropped);
        return json.writeValueAsString(event);
    }

    private String plainEvent(String kind, String msg) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "event").put("t", run.elapsedMillis()).put("kind", kind).put("msg", msg);
        event.putObject("fields");
        return json.writeValueAsString(event);
    }
}
