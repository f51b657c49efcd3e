package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;

/** The heap caps of the runs going at once are bounded; a run's cap is the -Xmx its command line gets. */
class HeapBudgetTests {

    private static DemosProperties properties(int maxTotalChildHeapMb) {
        return new DemosProperties(Path.of("src/test/resources/test-demos"), Path.of("target/demo-cache"), 4,
                Duration.ofSeconds(7), Duration.ofMillis(200), DataSize.ofMegabytes(8), DataSize.ofKilobytes(16),
                200, 2000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1), false, 30,
                maxTotalChildHeapMb, 1, 2);
    }

    @Test
    void aRunPastTheBudgetIsRefusedWithRetryAfterUntilAnotherReleasesItsCap() {
        HeapBudget budget = new HeapBudget(properties(600));
        budget.reserve("a", 512);

        assertThatThrownBy(() -> budget.reserve("b", 128)).isInstanceOfSatisfying(
                DemoRunner.TooManyRunsException.class, ex -> assertThat(ex.retryAfterSeconds).isEqualTo(7));
        budget.reserve("c", 64);
        assertThat(budget.reservedMb()).isEqualTo(576);

        budget.release("a");
        budget.reserve("b", 128);
        assertThat(budget.reservedMb()).isEqualTo(192);
    }

    @Test
    void aRunsCapIsTheXmxOfItsParamsElseTheManifestsHeap() {
        DemoManifest manifest = ManifestParser.parse("t", """
                id: t
                title: t
                main: Main.java
                heapMb: 48
                params:
                  - {name: heap, type: int, default: 64, min: 32, max: 512, jvm: "-Xmx{value}m"}
                """);
        DemoManifest fixed = ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\nheapMb: 48\n");

        assertThat(HeapBudget.heapMb(manifest, Map.of("heap", "256"))).isEqualTo(256);
        assertThat(HeapBudget.heapMb(fixed, Map.of())).isEqualTo(48);
        assertThat(ChildCommandLine.jvmOptions(manifest, Map.of("heap", "256"))).first().isEqualTo("-Xmx256m");
    }

    @Test
    void aFixedXmxAmongTheManifestsFlagsIsWhatTheRunReserves() {
        // it used to reserve heapMb (48) while the child got -Xmx2g
        DemoManifest manifest = ManifestParser.parse("t",
                "id: t\ntitle: t\nmain: Main.java\nheapMb: 48\njvmFlags: [-Xmx2g]\n");

        assertThat(HeapBudget.heapMb(manifest, Map.of())).isEqualTo(2048);
        assertThat(ChildCommandLine.jvmOptions(manifest, Map.of())).first().isEqualTo("-Xmx2g");
    }

    @Test
    void aHeapTooLargeForALongCountsAsMoreThanAnyBudgetInsteadOfWrapping() {
        // 2^44 MB is 2^64 bytes: shifted, it wrapped to 0 MB and passed the heap budget
        assertThat(HeapBudget.xmxMb("-Xmx17592186044416m")).isEqualTo(Integer.MAX_VALUE);
        assertThat(HeapBudget.xmxMb("-Xmx9223372036854775807k")).isEqualTo(Integer.MAX_VALUE);
        assertThat(HeapBudget.xmxMb("-Xmx2g")).isEqualTo(2048);
        assertThat(HeapBudget.xmxMb("-Xmx64m")).isEqualTo(64);
    }
}
