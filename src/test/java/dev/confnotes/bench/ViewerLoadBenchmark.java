package dev.confnotes.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a test; run explicitly, or its smoke mode through {@code ViewerLoadBenchmarkSmokeTests}): N SSE
 * viewers of the shared /proc monitor, plus S stalled ones (connected, never reading), against a server started as
 * its own process with {@code -Xmx256m}, on loopback; then C connect/disconnect cycles of every kind a client can
 * leave in (vanish mid-stream, half-close, never read, HEAD), and whether threads, file descriptors, registered
 * viewers and live heap come back to where they were. Lag of a viewer for an event = when it got the event − when
 * the first viewer got it. All viewers are one selector thread, so the client costs little of the machine. Stops by
 * itself (the server is killed at the end).
 * <pre>./mvnw -q -B test -Dtest=ViewerLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dviewers=10000 -Dstalled=500 -DholdSeconds=30 -Dcycles=3000</pre>
 */
class ViewerLoadBenchmark {

    /** The figures of one run; the smoke test checks they were produced. */
    record Result(int viewers, int connected, int failed, long rampMs, int liveEvents, int fullyDelivered, long lagP50,
            long lagP99, long lagMax, int lagSamples, long heapMaxMb, long directMaxMb, long rssMaxMb, int stalled, int stalledDropped,
            long viewersAfterHold, long stalledGoneAfterSeconds, Snapshot before, Snapshot afterCycles, int cycles) {

        void print() {
            System.out.printf("BENCH viewers=%d connected=%d failed=%d ramp=%dms liveEvents=%d deliveredToAll=%d%n",
                    viewers, connected, failed, rampMs, liveEvents, fullyDelivered);
            System.out.printf("BENCH lag ms p50=%d p99=%d max=%d (n=%d)%n", lagP50, lagP99, lagMax, lagSamples);
            System.out.printf("BENCH server heap used max=%d MB (-Xmx256m), direct buffers max=%d MB, RSS max=%d MB%n",
                    heapMaxMb, directMaxMb, rssMaxMb);
            System.out.printf("BENCH stalled=%d droppedByTheServer=%d registeredViewersAtEnd=%d allStalledGoneAfter=%ds%n",
                    stalled, stalledDropped, viewersAfterHold, stalledGoneAfterSeconds);
            System.out.printf("BENCH cycles=%d before: %s%nBENCH cycles=%d after:  %s%n", cycles, before, cycles,
                    afterCycles);
        }
    }

    /** What the server holds: threads, open files, registered viewers, heap in use after a full collection. */
    record Snapshot(long threads, long fds, long viewers, long liveHeapMb) {
    }

    @Test
    void measure() throws Exception {
        run(Integer.getInteger("viewers", 2000), Integer.getInteger("stalled", 0), Integer.getInteger("holdSeconds", 30),
                Integer.getInteger("cycles", 0), Integer.getInteger("stallTimeoutSeconds", 20)).print();
    }

    static Result run(int viewers, int stalledCount, int holdSeconds, int cycles, int stallTimeoutSeconds)
            throws Exception {
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        Path log = Files.createTempFile("confnotes-load-server", ".log");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.confnotes.ConfnotesApplication",
                "--server.port=" + port, "--confnotes.demos.dir=demos", "--confnotes.talks.dir=src/test/resources/test-talks",
                "--confnotes.talks.watch=false", "--spring.datasource.url=jdbc:h2:mem:load;DB_CLOSE_DELAY=-1",
                "--confnotes.demos.cache-dir=target/bench-cache", "--logging.level.root=WARN",
                "--confnotes.search.directory=local-heap", "--confnotes.rate-limit.enabled=false",
                "--confnotes.demos.streams.max-per-client=" + (viewers + stalledCount + 100),
                "--confnotes.demos.streams.stall-timeout=" + stallTimeoutSeconds + "s",
                "--server.jetty.max-connections=" + (viewers + stalledCount + 2000))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        try (Viewers all = new Viewers(port)) {
            waitUp(http, port);
            Snapshot before = snapshot(http, port, server.pid());
            long rampStart = System.nanoTime();
            for (int i = 0; i < stalledCount; i++) {
                all.open(true);
            }
            for (int i = 0; i < viewers; i++) {
                all.open(false);
                if (i % 200 == 199) {
                    all.poll(50);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (all.connected() + all.failed() < viewers && System.nanoTime() < deadline) {
                all.poll(100);
            }
            long rampMs = (System.nanoTime() - rampStart) / 1_000_000;
            long measureFrom = System.nanoTime();
            long maxHeap = 0;
            long maxDirect = 0;
            long stalledGoneAt = -1;
            long maxRssKb = 0;
            long holdEnd = System.nanoTime() + Duration.ofSeconds(holdSeconds).toNanos();
            long nextSample = 0;
            while (System.nanoTime() < holdEnd) {
                all.poll(50);
                if (System.nanoTime() >= nextSample) {
                    String metrics = prometheus(http, port);
                    maxHeap = Math.max(maxHeap, metric(metrics, "jvm_memory_used_bytes{", "area=\"heap\""));
                    maxDirect = Math.max(maxDirect, metric(metrics, "jvm_buffer_memory_used_bytes{", "id=\"direct\""));
                    if (stalledCount > 0 && stalledGoneAt < 0
                            && metric(metrics, "confnotes_streams_viewers", "") <= all.connected()) {
                        stalledGoneAt = (System.nanoTime() - rampStart) / 1_000_000_000L;
                    }
                    maxRssKb = Math.max(maxRssKb, rssKb(server.pid()));
                    nextSample = System.nanoTime() + 1_000_000_000L;
                }
            }
            List<Long> lags = new ArrayList<>();
            int[] perEvent = { 0, 0 };
            int readers = all.connected();
            all.receipts.forEach((id, times) -> {
                long first = times.stream().mapToLong(Long::longValue).min().orElse(0);
                if (first < measureFrom || first > holdEnd - 2_000_000_000L) {
                    return; // the backlog replayed to joiners, or an event still on its way when the hold ended
                }
                perEvent[0]++;
                if (times.size() >= readers) {
                    perEvent[1]++;
                }
                times.forEach(t -> lags.add((t - first) / 1_000_000));
            });
            lags.sort(null);
            int stalledDropped = all.stalledClosedByServer();
            long viewersAtEnd = viewersRegistered(http, port);
            all.close();

            Snapshot afterCycles = before;
            if (cycles > 0) {
                await(() -> viewersRegistered(http, port) == 0, Duration.ofSeconds(60));
                Snapshot settled = snapshot(http, port, server.pid());
                cycles(port, cycles);
                await(() -> viewersRegistered(http, port) == 0, Duration.ofSeconds(60));
                Thread.sleep(2000);
                before = settled;
                afterCycles = snapshot(http, port, server.pid());
            }
            return new Result(viewers, all.connected(), all.failed(), rampMs, perEvent[0], perEvent[1],
                    percentile(lags, 0.5), percentile(lags, 0.99), lags.isEmpty() ? -1 : lags.getLast(), lags.size(),
                    maxHeap >> 20, maxDirect >> 20, maxRssKb >> 10, stalledCount, stalledDropped, viewersAtEnd, stalledGoneAt, before, afterCycles, cycles);
        }
        finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            server.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    /**
     * Clients that leave in every way: vanish mid-stream (reset), half-close and go, never read and go, ask with
     * HEAD; a quarter each, a few dozen at a time.
     */
    private static void cycles(int port, int cycles) throws Exception {
        byte[] get = ("GET /demos/proc-monitor/live HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ("HEAD /demos/proc-monitor/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        List<SocketChannel> open = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
            int kind = i % 4;
            channel.write(ByteBuffer.wrap(kind == 3 ? head : get));
            if (kind == 0) {
                ByteBuffer some = ByteBuffer.allocate(256);
                channel.read(some); // it got the stream's start, then vanishes
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            else if (kind == 1) {
                channel.shutdownOutput();
            }
            open.add(channel);
            if (open.size() >= 50) {
                Thread.sleep(100);
                for (SocketChannel c : open) {
                    c.close();
                }
                open.clear();
            }
        }
        for (SocketChannel c : open) {
            c.close();
        }
    }

    /** Every viewer's connection, on one selector: connect, ask, and read (or, for a stalled one, never read). */
    static final class Viewers implements AutoCloseable {

        private static final byte[] REQUEST = ("GET /demos/proc-monitor/live HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        final int port;

        final Selector selector = Selector.open();

        final Map<String, List<Long>> receipts = new HashMap<>();

        static final int LINE_PREFIX = 96;

        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

        final List<Conn> stalled = new ArrayList<>();

        int connected;

        int failed;

        Viewers(int port) throws IOException {
            this.port = port;
        }

        final class Conn {

            final SocketChannel channel;

            final boolean stall;

            /** The start of the line being read: enough for a status line, an id or an event name. */
            final StringBuilder line = new StringBuilder(LINE_PREFIX);

            boolean headersDone;

            String id;

            Conn(SocketChannel channel, boolean stall) {
                this.channel = channel;
                this.stall = stall;
            }
        }

        void open(boolean stall) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (stall) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 1024);
            }
            channel.connect(new InetSocketAddress("localhost", port));
            Conn conn = new Conn(channel, stall);
            channel.register(selector, SelectionKey.OP_CONNECT, conn);
            if (stall) {
                stalled.add(conn);
            }
        }

        int connected() {
            return connected;
        }

        int failed() {
            return failed;
        }

        void poll(long millis) throws IOException {
            selector.select(millis);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Conn conn = (Conn) key.attachment();
                try {
                    if (key.isConnectable()) {
                        conn.channel.finishConnect();
                        conn.channel.write(ByteBuffer.wrap(REQUEST));
                        key.interestOps(conn.stall ? 0 : SelectionKey.OP_READ);
                    }
                    else if (key.isReadable()) {
                        read(conn, key);
                    }
                }
                catch (IOException ex) {
                    failed++;
                    key.cancel();
                    conn.channel.close();
                }
            }
        }

        private void read(Conn conn, SelectionKey key) throws IOException {
            buffer.clear();
            int n = conn.channel.read(buffer);
            if (n < 0) {
                key.cancel();
                conn.channel.close();
                return;
            }
            long now = System.nanoTime();
            buffer.flip();
            // Byte by byte, keeping only each line's start: 10,000 viewers' backlogs must not cost the
            // client more than the server (ids, event names and the status line are ASCII).
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    line(conn, conn.line.toString().replace("\r", ""), now);
                    conn.line.setLength(0);
                }
                else if (conn.line.length() < LINE_PREFIX) {
                    conn.line.append((char) (b & 0xff));
                }
            }
        }

        private void line(Conn conn, String line, long now) {
            if (!conn.headersDone) {
                if (line.startsWith("HTTP/1.1 ")) {
                    if (line.startsWith("HTTP/1.1 200")) {
                        connected++;
                    }
                    else {
                        failed++;
                    }
                }
                conn.headersDone = line.isEmpty();
            }
            else if (line.startsWith("id:")) {
                conn.id = line.substring(3).strip(); // run:seq
            }
            else if (line.equals("event:metric") && conn.id != null) {
                receipts.computeIfAbsent(conn.id, k -> new ArrayList<>()).add(now);
            }
            else if (line.isEmpty()) {
                conn.id = null;
            }
        }

        /**
         * Stalled viewers whose connection the server has closed: read now, at the end, until each shows its end
         * (what the server had written before it let go is still on its way through the small window).
         */
        int stalledClosedByServer() throws InterruptedException {
            ByteBuffer sink = ByteBuffer.allocate(1 << 16);
            List<Conn> open = new ArrayList<>(stalled);
            int closed = 0;
            long until = System.nanoTime() + 20_000_000_000L;
            while (!open.isEmpty() && System.nanoTime() < until) {
                for (Iterator<Conn> it = open.iterator(); it.hasNext();) {
                    Conn conn = it.next();
                    try {
                        int n;
                        while ((n = conn.channel.read(sink.clear())) > 0) {
                            // drain
                        }
                        if (n < 0) {
                            closed++;
                            it.remove();
                        }
                    }
                    catch (IOException ex) {
                        closed++; // reset by the server
                        it.remove();
                    }
                }
                Thread.sleep(10);
            }
            return closed;
        }

        @Override
        public void close() throws IOException {
            if (!selector.isOpen()) {
                return;
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    private interface Check {

        boolean done() throws Exception;
    }

    private static void await(Check check, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!check.done() && System.nanoTime() < until) {
            Thread.sleep(250);
        }
    }

    static void waitUp(HttpClient http, int port) throws Exception {
        for (int i = 0; i < 480; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server did not start");
    }

    private static String prometheus(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (Exception ex) {
            return "";
        }
    }

    private static long metric(String body, String prefix, String mustContain) {
        return body.lines()
            .filter(l -> l.startsWith(prefix) && l.contains(mustContain))
            .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
    }

    private static long heapUsed(HttpClient http, int port) {
        return metric(prometheus(http, port), "jvm_memory_used_bytes{", "area=\"heap\"");
    }

    private static long viewersRegistered(HttpClient http, int port) {
        return metric(prometheus(http, port), "confnotes_streams_viewers", "");
    }

    private static Snapshot snapshot(HttpClient http, int port, long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        long threads = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
            .filter(l -> l.startsWith("Threads:"))
            .mapToLong(l -> Long.parseLong(l.substring(8).trim()))
            .findFirst()
            .orElse(-1);
        long fds;
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = list.count();
        }
        return new Snapshot(threads, fds, viewersRegistered(http, port), heapUsed(http, port) >> 20);
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim().split("\\s+")[0]))
                .findFirst()
                .orElse(0);
        }
        catch (Exception ex) {
            return 0;
        }
    }
}
