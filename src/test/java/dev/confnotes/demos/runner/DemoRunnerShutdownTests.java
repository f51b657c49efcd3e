package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.history.DemoRunRepository;
import dev.confnotes.demos.history.RunRecords;
import dev.confnotes.demos.history.RunnerInstanceRepository;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;

/** A run started while the server stops still ends: its permit and heap reservation come back. */
class DemoRunnerShutdownTests {

    @Test
    void aRunWhoseTimersAreRefusedEndsAndReleasesItsReservation() throws Exception {
        DemosProperties properties = new DemosProperties(Path.of("src/test/resources/test-demos"),
                Path.of("target/demo-cache"), 1, Duration.ofSeconds(1), Duration.ofMillis(200),
                DataSize.ofMegabytes(8), DataSize.ofKilobytes(16), 200, 2000, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), false, 30, 1024, 1, 2);
        DemoRunRepository history = (DemoRunRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DemoRunRepository.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "save" -> args[0];
                    case "findById" -> Optional.empty();
                    case "findByOutcomeIn" -> List.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        RunnerInstanceRepository instances = (RunnerInstanceRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { RunnerInstanceRepository.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "save" -> args[0];
                    case "findById" -> Optional.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        JsonMapper json = JsonMapper.builder().build();
        HeapBudget heap = new HeapBudget(properties);
        DemoRunner runner = new DemoRunner(properties, null, null,
                new RunRecords(properties, null, history, instances, json, Clock.systemUTC(), ""), heap,
                new ChildCommandLine(properties), json, Clock.systemUTC());
        runner.start();
        var timers = DemoRunner.class.getDeclaredField("timers");
        timers.setAccessible(true);
        ((ScheduledExecutorService) timers.get(runner)).shutdownNow();

        DemoManifest manifest = ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\nheapMb: 32\n");
        Run run = runner.start(manifest, Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> run.outcome().isFinal());
        assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(heap.reservedMb()).isZero();
        assertThat(runner.liveCount()).isZero();
        // the one permit is free again: another run can start (and end the same way)
        Run next = runner.start(manifest, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> next.outcome().isFinal());

        // stopped and started again (as a paused test context is): it has timers that take work again
        runner.stop();
        runner.start();
        ScheduledExecutorService restarted = (ScheduledExecutorService) timers.get(runner);
        assertThat(restarted.isShutdown()).isFalse();
        assertThat(restarted.schedule(() -> "ran", 1, java.util.concurrent.TimeUnit.MILLISECONDS).get()).isEqualTo("ran");
        runner.stop();
    }
}
