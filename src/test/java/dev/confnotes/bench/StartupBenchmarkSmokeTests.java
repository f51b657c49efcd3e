package dev.confnotes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/startup.sh} in its smoke mode, which also runs {@code bench/aot-cache.sh}: one launch of the
 * built jar and one with an AOT cache trained on it, so neither script can rot unseen. It checks that both
 * launches reached the first page and were measured, never how fast.
 */
class StartupBenchmarkSmokeTests {

    @Test
    void theStartupBenchmarkTimesAPlainAndACachedLaunch() throws Exception {
        BenchScript.Output output = BenchScript.smoke("startup.sh", Duration.ofMinutes(5));

        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.lines()).as("the AOT cache was trained").anyMatch(line -> line.startsWith("AOT cache: "));
        assertThat(output.figures("startup")).extracting(figures -> figures.get("way")).containsExactly("plain", "aot");
        for (Map<String, String> way : output.figures("startup")) {
            assertThat(way).containsEntry("launches", "1");
            assertThat(Long.parseLong(way.get("wall_median_ms"))).as(way.get("way") + " wall").isPositive();
            assertThat(Long.parseLong(way.get("cpu_median_ms"))).as(way.get("way") + " cpu").isPositive();
        }
    }
}
