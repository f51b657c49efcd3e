package dev.confnotes.demos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a run's stdout and stderr into events, under the caps: lines longer than the line cap are
 * cut, output past the byte cap is read and thrown away (the child never blocks on a full pipe), and
 * events past the per-second cap are dropped, except that the latest metric of the second is kept and
 * sent when the second ends. Every cut is announced by an {@code event} of kind {@code truncated}.
 */
final class OutputPump {

    static final Set<String> PROGRAM_TYPES = Set.of("metric", "event", "node", "done", "error");

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

    private String pendingMetric;

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

    private interface LineHandler {

        void line(String text, boolean cut);
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
                    handler.line(line.toString(StandardCharsets.UTF_8), cut);
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
            handler.line(line.toString(StandardCharsets.UTF_8), cut);
        }
    }

    private synchronized void stdoutLine(String text, boolean cut) {
        if (!countBytes(text)) {
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
        if (node instanceof ObjectNode object && object.get("type") != null && object.get("type").isString()
                && PROGRAM_TYPES.contains(object.get("type").stringValue())) {
            String type = object.get("type").stringValue();
            if (!object.has("t")) {
                object.put("t", run.elapsedMillis());
            }
            if ("error".equals(type) && object.get("msg") != null) {
                lastError = object.get("msg").asString();
            }
            emit(type, json.writeValueAsString(object));
        }
        else {
            emit("event", plainEvent("stdout", line));
        }
    }

    private synchronized void stderrLine(String text, boolean cut) {
        if (text.contains("java.lang.OutOfMemoryError") && oom == null) {
            int at = text.indexOf("java.lang.OutOfMemoryError");
            oom = text.substring(at).strip();
        }
        stderrTail.append(text).append('\n');
        if (stderrTail.length() > 4000) {
            stderrTail.delete(0, stderrTail.length() - 4000);
        }
        if (!countBytes(text) || text.isBlank()) {
            return;
        }
        emit("event", plainEvent("stderr", cut ? text + " …" : text));
    }

    private boolean countBytes(String text) {
        bytes += text.length() + 1L;
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

    private void emit(String type, String line) {
        long now = run.elapsedMillis();
        if (windowStart < 0 || now - windowStart >= 1000) {
            flushWindow();
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow < maxPerSecond) {
            inWindow++;
            run.append(type, line);
        }
        else if ("metric".equals(type)) {
            if (pendingMetric != null) {
                dropped++;
            }
            pendingMetric = line;
        }
        else {
            dropped++;
        }
    }

    private void flushWindow() {
        if (pendingMetric != null) {
            run.append("metric", pendingMetric);
            pendingMetric = null;
        }
        if (dropped > 0) {
            run.append("event", truncatedJson(dropped + " events over the cap of " + maxPerSecond
                    + " a second were dropped (metrics: the latest kept)", "rate", dropped));
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
