package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import dev.confnotes.ConfnotesApplication;
import dev.confnotes.demos.DemoTestSupport;

/**
 * A real server process killed outright (SIGKILL, no shutdown hook): its run's JVM and the daemon that run
 * left behind end within two seconds, and the next start closes the run's record with an end time and a
 * reason instead of leaving it "running".
 */
class ServerKilledIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ProcessHandle> started = new ArrayList<>();

    private Path work;

    @AfterEach
    void cleanUp() throws IOException {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        if (work != null) {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    @Test
    void aKilledServerTakesItsRunsProcessesWithItAndTheNextStartClosesTheirRecords() throws Exception {
        work = Files.createTempDirectory("confnotes-killed");
        Files.createDirectories(work.resolve("talks"));
        int port = freePort();
        Process server = startServer(port);
        String id = DemoTestSupport.field(post(port, "/api/demos/daemonizer/runs", "{\"holdMs\": 60000}"), "id");
        long daemonPid = daemonPid(port, id);
        ProcessHandle daemon = ProcessHandle.of(daemonPid).orElseThrow();
        List<ProcessHandle> runJvms = server.toHandle().children().toList();
        assertThat(runJvms).as("the run's JVM").hasSize(1);
        assertThat(daemon.isAlive()).isTrue();

        // H2 writes committed rows to its file within a second (MVStore's auto-commit delay): a run killed sooner
        // than that would leave no record for the next start to close
        Thread.sleep(2000);
        server.toHandle().destroyForcibly();

        await().atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(100))
            .until(() -> !daemon.isAlive() && runJvms.stream().noneMatch(ProcessHandle::isAlive));

        int secondPort = freePort();
        startServer(secondPort);
        String run = get(secondPort, "/api/runs/" + id);
        assertThat(run).contains("\"state\":\"failed\"").doesNotContain("\"endedAt\":null")
            .contains("\"reason\":\"the server stopped during the run\"");
    }

    private Process startServer(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> argv = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ConfnotesApplication.class.getName(), "--server.port=" + port,
                "--confnotes.talks.dir=" + work.resolve("talks"), "--confnotes.talks.watch=false",
                "--confnotes.demos.dir=" + Path.of("src/test/resources/test-demos").toAbsolutePath(),
                "--confnotes.demos.cache-dir=" + Path.of("target/demo-cache").toAbsolutePath(),
                "--confnotes.demos.class-data-sharing=false", "--confnotes.search.directory=local-heap",
                "--confnotes.rate-limit.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db/confnotes") + ";DB_CLOSE_ON_EXIT=FALSE");
        Process server = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectOutput(work.resolve("server-" + port + ".log").toFile()).start();
        started.add(server.toHandle());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
            .until(() -> {
                assertThat(server.isAlive()).as(() -> log(port)).isTrue();
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            });
        return server;
    }

    private String log(int port) {
        try {
            return Files.readString(work.resolve("server-" + port + ".log"));
        }
        catch (IOException ex) {
            return ex.toString();
        }
    }

    /** Reads the run's event stream until the daemonizer names its daemon. */
    private long daemonPid(int port, String id) throws Exception {
        HttpResponse<java.io.InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/runs/" + id + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Pattern started = Pattern.compile("\"kind\":\"started\".*\"msg\":\"(\\d+)\"");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m = started.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError("the run never said it started a daemon\n" + log(port));
    }

    private String post(int port, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
