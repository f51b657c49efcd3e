package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An HTTP and SSE client for the demo tests, against the real server on its random port. */
public final class DemoTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public DemoTestSupport(int port) {
        this.port = port;
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A GET with request headers, as name and value pairs: {@code get("/x", "HX-Request", "true")}. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a run of a demo through the JSON API; fails the test unless it was created (201). */
    public String startRun(String demo, String json) throws IOException, InterruptedException {
        HttpResponse<String> created = postJson("/api/demos/" + demo + "/runs", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    public HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return postForm(path, form, false);
    }

    /** A form POST, as htmx sends it ({@code HX-Request: true}) when {@code htmx}. */
    public HttpResponse<String> postForm(String path, String form, boolean htmx) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return http.send(request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One SSE message as read off the wire. */
    public record Sse(String id, String event, String data) {
    }

    /**
     * Reads the stream until {@code stop} matches a message (inclusive) or the stream ends, with a
     * hard time limit so a test never hangs.
     */
    public List<Sse> read(String path, String lastEventId, Predicate<Sse> stop, Duration limit)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream")
            .timeout(limit);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        List<Sse> messages = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        try (InputStream body = response.body();
                BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Sse message = new Sse(id, event, data.toString());
                        messages.add(message);
                        if (stop.test(message)) {
                            return messages;
                        }
                    }
                    id = null;
                    event = "message";
                    data.setLength(0);
                }
                else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                }
                else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                }
                else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
        }
        return messages;
    }

    /** The seq of an SSE id {@code <runId>:<seq>}. */
    public static long seq(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
    }

    /** The run of an SSE id {@code <runId>:<seq>}. */
    public static String runOf(String id) {
        return id.substring(0, id.lastIndexOf(':'));
    }

    public static String field(String json, String name) {
        var matcher = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }
}
