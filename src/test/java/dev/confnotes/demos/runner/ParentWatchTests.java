package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;

/** A run's JVM dies with the process that started it, even when that process is killed outright. */
class ParentWatchTests {

    private static final Path TEST_DEMOS = Path.of("src/test/resources/test-demos");

    @Test
    void aChildStartedThroughTheLauncherEndsWhenItsParentIsKilled() throws Exception {
        DemosProperties properties = new DemosProperties(TEST_DEMOS, Path.of("target/demo-cache"), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(8), DataSize.ofKilobytes(16), 200,
                2000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1), false, 30, 1024, 1, 2);
        DemoManifest sleeper = ManifestParser.parse("sleeper",
                Files.readString(TEST_DEMOS.resolve("sleeper/demo.yml")));
        DemoCompiler.Compiled compiled = new DemoCompiler(properties).compile(sleeper, TEST_DEMOS.resolve("sleeper"))
            .orElseThrow();
        Run run = new Run("parentwatchtest0", sleeper, Map.of("children", "0"), java.time.Instant.now());
        List<String> argv = new ChildCommandLine(properties).forRun(run, TEST_DEMOS.resolve("sleeper"), compiled)
            .argv();
        assertThat(argv).contains(DemoCompiler.LAUNCHER);
        // a stand-in for the server: a shell that starts the child, says its pid and waits
        StringBuilder script = new StringBuilder();
        for (String arg : argv) {
            script.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        Process parent = new ProcessBuilder("sh", "-c", script + "< /dev/null > /dev/null 2>&1 & echo $!; wait")
            .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().strip());
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        try {
            Thread.sleep(1500);
            assertThat(child.isAlive()).as("the child runs while its parent does").isTrue();
            parent.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());
        }
        finally {
            child.destroyForcibly();
            parent.destroyForcibly();
        }
    }
}
