package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.confnotes.demos.manifest.ManifestParser;

/** A run's event log read from any cursor, however large. */
class RunTests {

    private static Run runWithEvents(int n) {
        Run run = new Run("t", ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\n"), Map.of(), Instant.now());
        for (int i = 0; i < n; i++) {
            run.append("event", "{}");
        }
        return run;
    }

    @Test
    void aLastEventIdPastTheIntRangeReadsNothingInsteadOfThrowing() {
        Run run = runWithEvents(3);
        assertThat(run.after(2147483648L, 10)).isEmpty();
        assertThat(run.after(Long.MAX_VALUE, 10)).isEmpty();
        assertThat(run.after(4294967297L, 10)).isEmpty();
    }

    @Test
    void aCursorInsideTheLogReadsWhatFollows() {
        Run run = runWithEvents(3);
        assertThat(run.after(1, 10)).extracting(RunEvent::seq).containsExactly(2L, 3L);
        assertThat(run.after(-5, 10)).hasSize(3);
    }
}
