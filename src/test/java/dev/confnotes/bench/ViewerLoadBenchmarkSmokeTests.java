package dev.confnotes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The viewer benchmark in its smoke mode, so it cannot rot unseen: a few viewers, one stalled, a few dozen
 * connect/disconnect cycles. It checks that every figure was produced, never how fast.
 */
class ViewerLoadBenchmarkSmokeTests {

    @Test
    void theViewerBenchmarkProducesItsFigures() throws Exception {
        ViewerLoadBenchmark.Result result = ViewerLoadBenchmark.run(20, 1, 6, 40, 20);
        result.print();

        assertThat(result.connected()).as("viewers connected").isEqualTo(20);
        assertThat(result.failed()).isZero();
        assertThat(result.liveEvents()).as("live events measured").isPositive();
        assertThat(result.fullyDelivered()).as("live events that reached every viewer").isPositive();
        assertThat(result.lagSamples()).isPositive();
        assertThat(result.lagP99()).isNotNegative();
        assertThat(result.heapMaxMb()).isPositive();
        assertThat(result.afterCycles().threads()).isPositive();
        assertThat(result.afterCycles().fds()).isPositive();
        assertThat(result.afterCycles().viewers()).as("viewers registered once every cycle ended").isZero();
    }
}
