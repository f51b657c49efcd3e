package dev.confnotes.demos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.DemoRunner;

/**
 * What one client can do to the streams of everyone: ask about a stream without opening one (HEAD),
 * hold more than its share of streams, or stop reading. None of it reaches another viewer.
 */
@TestDemosContext
@TestPropertySource(properties = { "confnotes.demos.streams.max-per-client=3", "confnotes.demos.streams.stall-timeout=4s",
        "confnotes.demos.streams.retry-after=4s" })
class StreamBoundsIntegrationTests {

    private static final Duration LIMIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    @Autowired
    RunStreams streams;

    @Autowired
    MeterRegistry meters;

    DemoTestSupport client;

    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    @AfterEach
    void closeAndWaitForNothingLeft() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> runner.liveCount() == 0 && streams.viewerCount() == 0);
    }

    /** A stream request on a raw socket: the bytes it gets are only read when the test says so. */
    private Socket openStream(String path, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress("localhost", port));
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        sockets.add(socket);
        return socket;
    }

    @Test
    void headOnALiveStreamAnswersWithoutAViewerOrARun() throws Exception {
        for (int i = 0; i < 50; i++) {
            HttpResponse<Void> head = client.http().send(java.net.http.HttpRequest.newBuilder(client.uri("/demos/ticker/live"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        }
        assertThat(streams.viewerCount()).isZero();
        assertThat(runner.currentShared("ticker")).as("no shared run started for a HEAD").isEmpty();
    }

    @Test
    void aClientPastItsShareOfStreamsGets429WithRetryAfterAndTheNextOneFitsOnceOneCloses() throws Exception {
        String id = client.startRun("ticker", "{\"count\": 200, \"everyMs\": 100}");
        List<Socket> three = List.of(openStream("/runs/" + id + "/events", 65536), openStream("/runs/" + id + "/events", 65536),
                openStream("/runs/" + id + "/events", 65536));
        await().atMost(LIMIT).until(() -> streams.viewerCount() == 3);

        HttpResponse<String> fourth = client.get("/api/runs/" + id + "/events", "Accept", "text/event-stream");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(fourth.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(fourth.body()).contains("\"status\":429");

        three.getFirst().close();
        await().atMost(LIMIT).until(() -> streams.viewerCount() == 2);
        List<DemoTestSupport.Sse> got = client.read("/runs/" + id + "/events", null, m -> m.event().equals("metric"), LIMIT);
        assertThat(got.getLast().event()).isEqualTo("metric");
        client.postJson("/api/runs/" + id + "/cancel", "");
    }

    @Test
    void viewersThatVanishGiveBackTheirConnections() throws Exception {
        String id = client.startRun("ticker", "{\"count\": 200, \"everyMs\": 100}");
        double before = openConnections();
        List<Socket> vanishing = List.of(openStream("/runs/" + id + "/events", 65536), openStream("/runs/" + id + "/events", 65536),
                openStream("/runs/" + id + "/events", 65536));
        await().atMost(LIMIT).until(() -> streams.viewerCount() == 3);
        for (Socket socket : vanishing) {
            socket.getInputStream().read(new byte[256]); // it got the stream's start
            socket.setSoLinger(true, 0);
            socket.close(); // gone with a reset, as a phone leaving the hall's network
        }
        await().atMost(LIMIT).until(() -> streams.viewerCount() == 0);
        await().atMost(LIMIT).untilAsserted(() -> assertThat(openConnections())
            .as("the server's side of each vanished stream is closed, not left until the stream's time limit")
            .isLessThanOrEqualTo(before));
        client.postJson("/api/runs/" + id + "/cancel", "");
    }

    private double openConnections() {
        return meters.get("jetty.connections.current").gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    @Test
    void aViewerThatStopsReadingIsLetGoAndResumesFromItsLastEventWhileOthersGetEverything() throws Exception {
        // about 3 MB over some 15 s: far more than the socket buffers between the server and a stalled client hold
        String id = client.startRun("flood", "{\"count\": 2000, \"bytes\": 1500, \"everyMs\": 7}");
        // never read, with a small window: the server's writes to it soon find no room
        Socket stalled = openStream("/runs/" + id + "/events", 1024);
        List<DemoTestSupport.Sse> reader = client.read("/runs/" + id + "/events", null, m -> m.event().equals("end"), LIMIT);
        List<Long> seqs = reader.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.seq(m.id())).toList();
        assertThat(seqs).as("a reader beside a stalled one gets every event in order").isNotEmpty();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
        await().atMost(LIMIT).until(() -> streams.viewerCount() == 0);

        // what the stalled client got before it was let go ends at a whole event; from its id the rest follows
        String had = drain(stalled.getInputStream());
        Matcher ids = Pattern.compile("(?m)^id:(\\S+)$").matcher(had);
        String lastId = null;
        while (ids.find()) {
            lastId = ids.group(1);
        }
        assertThat(lastId).as("the stalled client got some events before it stalled").isNotNull();
        long resumeFrom = DemoTestSupport.seq(lastId);
        assertThat(resumeFrom).as("it was let go before the run ended").isLessThan(seqs.getLast());
        List<DemoTestSupport.Sse> resumed = client.read("/runs/" + id + "/events", lastId, m -> m.event().equals("end"), LIMIT);
        List<Long> rest = resumed.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.seq(m.id())).toList();
        assertThat(rest.getFirst()).isEqualTo(resumeFrom + 1);
        assertThat(rest.getLast()).isEqualTo(seqs.getLast());
    }

    /** Everything the socket holds until the server closed it. */
    private static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
