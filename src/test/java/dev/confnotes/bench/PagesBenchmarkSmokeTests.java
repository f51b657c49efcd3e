package dev.confnotes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/pages.sh} in its smoke mode (the built jar and nginx, one round of a second per page), so the
 * page benchmark cannot rot unseen. It checks that every figure was produced, never how fast.
 */
class PagesBenchmarkSmokeTests {

    @Test
    void thePageBenchmarkMeasuresEveryPageOnBothServers() throws Exception {
        BenchScript.requireTools("wrk", "nginx");
        BenchScript.Output output = BenchScript.smoke("pages.sh", Duration.ofMinutes(4));

        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.figures("pages")).as("pages measured").extracting(figures -> figures.get("page"))
            .containsExactly("/", "/talks/go-testing", "/talks/gc-in-golang");
        for (Map<String, String> page : output.figures("pages")) {
            assertThat(page).as(page.get("page")).containsKeys("app_rps", "app_p99_ms", "nginx_rps", "nginx_p99_ms", "ratio");
            assertThat(Double.parseDouble(page.get("app_rps"))).as("confnotes requests/s").isPositive();
            assertThat(Double.parseDouble(page.get("nginx_rps"))).as("nginx requests/s").isPositive();
            assertThat(Double.parseDouble(page.get("ratio"))).isPositive();
        }
    }
}
