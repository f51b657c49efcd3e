package dev.confnotes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/soak.sh} in its smoke mode (the built jar under ten seconds of mixed load, four viewers), so the
 * soak cannot rot unseen: every kind of load ran, the samples before and after have all their figures, and the
 * server stopped by itself. It asserts no timing.
 */
class SoakBenchmarkSmokeTests {

    @Test
    void theSoakRunsEveryLoadAndSamplesTheServer() throws Exception {
        BenchScript.Output output = BenchScript.smoke("soak.sh", Duration.ofMinutes(4));

        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.lines()).as(output.text())
            .contains("SOAK load OK", "PASS")
            .anyMatch(line -> line.matches("\\s+page 200\\s+[1-9]\\d*"))
            .anyMatch(line -> line.matches("\\s+viewer event\\s+[1-9]\\d*"))
            .anyMatch(line -> line.matches("\\s+health ok\\s+[1-9]\\d*"))
            .anyMatch(line -> line.matches("before: +heap_used=[1-9]\\d*MB threads=\\d+ fds=\\d+ children=\\d+"))
            .anyMatch(line -> line.matches("settled: +heap_used=[1-9]\\d*MB threads=\\d+ fds=\\d+ children=0"))
            .anyMatch(line -> line.matches("stopped on SIGTERM in \\d+ ms"));
    }
}
