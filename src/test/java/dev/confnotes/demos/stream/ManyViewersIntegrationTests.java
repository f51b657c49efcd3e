package dev.confnotes.demos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;

/**
 * Many viewers and runs at once: every viewer gets every event of its run in order (from the start,
 * late, or resumed), the server keeps answering health meanwhile, and every viewer is released when
 * its stream ends or its client goes away. A viewer is not a thread any more (see {@link RunStreams}):
 * this checks the event-driven senders keep every behaviour under concurrency. The deadlock that made
 * the change (virtual threads unmounted while holding the packaged jar's monitor) needs the nested-jar
 * class loader and an unlucky interleaving, so it is checked by {@code bench/soak.sh}, not here.
 */
@TestDemosContext
class ManyViewersIntegrationTests {

    private static final Duration LIMIT = Duration.ofSeconds(40);

    private static final int RUNS = 5;

    private static final int VIEWERS_PER_RUN = 40;

    private static final int COUNT = 20;

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    @Autowired
    RunStreams streams;

    DemoTestSupport client;

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    @AfterEach
    void everythingReleased() {
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.liveCount() == 0 && streams.viewerCount() == 0);
    }

    /** Starts an echo run, waiting while the bound on runs at once answers 429. */
    private String start() throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            HttpResponse<String> created = client.postJson("/api/demos/echo/runs",
                    "{\"count\": " + COUNT + ", \"everyMs\": 40}");
            if (created.statusCode() == 201) {
                return DemoTestSupport.field(created.body(), "id");
            }
            assertThat(created.statusCode()).as(created.body()).isEqualTo(429);
            assertThat(System.nanoTime()).as("a run slot frees up").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void twoHundredViewersOfFiveRunsGetEveryEventWhileHealthKeepsAnswering() throws Exception {
        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicInteger healthFailures = new AtomicInteger();
        AtomicLong slowestHealthMs = new AtomicLong();
        Thread prober = Thread.ofPlatform().name("health-prober").start(() -> {
            while (probing.get()) {
                long t0 = System.nanoTime();
                try {
                    if (client.get("/actuator/health").statusCode() != 200) {
                        healthFailures.incrementAndGet();
                    }
                }
                catch (Exception ex) {
                    healthFailures.incrementAndGet();
                }
                slowestHealthMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        });
        List<Future<?>> viewers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < RUNS; r++) {
                String id = start();
                for (int v = 0; v < VIEWERS_PER_RUN; v++) {
                    int kind = v % 8; // 0-5 from the start, 6 resumed after event 3, 7 late
                    viewers.add(clients.submit(() -> {
                        if (kind == 7) {
                            Thread.sleep(300);
                        }
                        String lastId = kind == 6 ? "3" : null;
                        List<DemoTestSupport.Sse> got = client.read("/api/runs/" + id + "/events", lastId,
                                m -> m.event().equals("end"), LIMIT);
                        assertThat(got).as("run %s viewer %d", id, kind).isNotEmpty();
                        assertThat(got.getFirst().event()).isEqualTo("run");
                        assertThat(got.getLast().event()).isEqualTo("end");
                        assertThat(got.getLast().data()).isEqualTo("finished");
                        List<Long> seqs = got.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.seq(m.id())).toList();
                        assertThat(seqs).isSorted().doesNotHaveDuplicates();
                        if (lastId != null) {
                            assertThat(seqs).allMatch(seq -> seq > 3);
                        }
                        else {
                            long metrics = got.stream().filter(m -> m.event().equals("metric")).count();
                            assertThat(metrics).as("run %s viewer %d", id, kind).isEqualTo(COUNT);
                            assertThat(seqs.getFirst()).isEqualTo(1L);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> viewer : viewers) {
                viewer.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            probing.set(false);
            prober.join(10_000);
        }
        assertThat(viewers).hasSize(RUNS * VIEWERS_PER_RUN);
        assertThat(healthFailures).hasValue(0);
        assertThat(slowestHealthMs.get()).as("slowest health answer, ms").isLessThan(5000);
    }

    @Test
    void idleViewerGetsHeartbeatsAndIsReleasedWhenItsClientGoesAway() throws Exception {
        HttpResponse<String> created = client.postJson("/api/demos/sleeper/runs", "{\"children\": 0}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = DemoTestSupport.field(created.body(), "id");
        Run run = runner.find(id).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(client.uri("/api/runs/" + id + "/events"))
            .build(), HttpResponse.BodyHandlers.ofInputStream());
        int heartbeats = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String line;
            while (heartbeats < 2 && System.nanoTime() < deadline && (line = in.readLine()) != null) {
                if (line.startsWith(":heartbeat")) {
                    heartbeats++;
                }
            }
            assertThat(run.viewers()).isEqualTo(1);
        }
        http.shutdownNow();
        assertThat(heartbeats).as("heartbeat comments on an idle stream").isEqualTo(2);
        // the next heartbeat finds the closed connection and releases the viewer
        await().atMost(Duration.ofSeconds(10)).until(() -> run.viewers() == 0 && streams.viewerCount() == 0);
        assertThat(client.postJson("/api/runs/" + id + "/cancel", "").statusCode()).isEqualTo(202);
    }
}
