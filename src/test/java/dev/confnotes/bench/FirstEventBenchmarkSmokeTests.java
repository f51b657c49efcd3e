package dev.confnotes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The first-event benchmark in its smoke mode (one timed round each way), so it cannot rot unseen: a run
 * started through the API reached its first event on the stream, and the source launch its first line. It
 * checks that the figures were produced, never how fast.
 */
class FirstEventBenchmarkSmokeTests {

    @Test
    void theFirstEventBenchmarkTimesBothPaths() throws Exception {
        FirstEventBenchmark.Result result = FirstEventBenchmark.run(1);
        result.print();

        assertThat(result.platform()).as("Run to first event, ms").hasSize(1).allMatch(ms -> ms > 0);
        assertThat(result.source()).as("source launch to first line, ms").hasSize(1).allMatch(ms -> ms > 0);
    }
}
