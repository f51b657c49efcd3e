import demolib.Json;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A client of {@link ApiServer} over HTTP: what client-go's REST client and watch are to a real controller. */
final class Client implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private volatile InputStream watchBody;

    Client(String base) {
        this.base = base;
    }

    Map<String, Object> get(String kind, String name) {
        return call("GET", "/apis/" + kind + "/" + name, null);
    }

    Map<String, Object> list(String kind) {
        return call("GET", "/apis/" + kind, null);
    }

    List<Map<String, Object>> items(String kind) {
        return Obj.items(list(kind).get("items"));
    }

    Map<String, Object> create(Map<String, Object> o) {
        return call("POST", "/apis/" + Obj.kind(o), o);
    }

    Map<String, Object> update(Map<String, Object> o) {
        return call("PUT", "/apis/" + Obj.kind(o) + "/" + Obj.name(o), o);
    }

    Map<String, Object> updateStatus(Map<String, Object> o) {
        return call("PUT", "/apis/" + Obj.kind(o) + "/" + Obj.name(o) + "/status", o);
    }

    Map<String, Object> powerOn(String server) {
        return call("POST", "/bmc/" + server + "/power", Json.obj());
    }

    boolean booted(String server) {
        return Boolean.TRUE.equals(call("GET", "/bmc/" + server + "/health", null).get("booted"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, Map<String, Object> body) {
        var req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new ApiException(0, "Unreachable", e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "Interrupted", "interrupted");
        }
        var out = (Map<String, Object>) Json.parse(res.body());
        if (res.statusCode() != 200) {
            throw new ApiException(res.statusCode(), Obj.str(out, "reason"), Obj.str(out, "message"));
        }
        return out;
    }

    /**
     * Reads the watch from {@code fromRevision} on this thread, one change per call of {@code onChange},
     * until the stream ends or {@link #close} cuts it.
     */
    @SuppressWarnings("unchecked")
    void watch(String fromRevision, Consumer<Map<String, Object>> onChange) throws IOException, InterruptedException {
        var req = HttpRequest.newBuilder(URI.create(base + "/watch?resourceVersion=" + fromRevision)).build();
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) {
            String text = new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
            var out = (Map<String, Object>) Json.parse(text);
            throw new ApiException(res.statusCode(), Obj.str(out, "reason"), Obj.str(out, "message"));
        }
        watchBody = res.body();
        try (var r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) onChange.accept((Map<String, Object>) Json.parse(line));
            }
        }
    }

    @Override
    public void close() {
        try {
            InputStream body = watchBody;
            if (body != null) body.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
        http.shutdownNow();
    }
}
