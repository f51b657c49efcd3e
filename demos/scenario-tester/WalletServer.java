import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import demolib.*;

/**
 * One implementation behind a real HTTP API on loopback. The service instance (and with it the
 * infrastructure it was given) is swapped for each scenario, the way a test harness rebuilds the
 * dependency graph with mock infrastructure.
 */
final class WalletServer implements AutoCloseable {
    private static final Pattern ROUTE = Pattern.compile("/wallets/([^/]+)(/charge|/pay)?");

    private final HttpServer server;
    private final AtomicReference<WalletService> service = new AtomicReference<>();

    WalletServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::serve);
        server.start();
    }

    void use(WalletService s) {
        service.set(s);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            WalletService.Answer answer;
            try {
                answer = route(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            catch (IllegalArgumentException e) {
                answer = new WalletService.Answer(400, Json.obj("error", "bad-request"));
            }
            byte[] body = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(answer.status(), body.length);
            ex.getResponseBody().write(body);
        }
    }

    private WalletService.Answer route(String method, String path, String body) {
        Matcher m = ROUTE.matcher(path);
        if (!m.matches()) return new WalletService.Answer(404, Json.obj("error", "no-route"));
        String id = m.group(1), action = m.group(2);
        WalletService s = service.get();
        if (action == null && "GET".equals(method)) return s.get(id);
        if (action != null && "POST".equals(method)) {
            Map<?, ?> in = body.isBlank() ? Map.of() : Json.parse(body) instanceof Map<?, ?> map ? map : Map.of();
            return "/charge".equals(action) ? s.charge(id, in.get("amount")) : s.pay(id, in.get("amount"), in.get("orderId"));
        }
        return new WalletService.Answer(405, Json.obj("error", "method-not-allowed"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
