package dev.confnotes.demos.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Parameter values are checked cheaply: plain bounded digits only, the range before any conversion. */
class ParamValidatorTests {

    private static final DemoManifest MANIFEST = ManifestParser.parse("nums", """
            id: nums
            title: 숫자
            main: Main.java
            params:
              - {name: n, type: int, default: 5, min: 1, max: 50}
              - {name: ratio, type: decimal, default: 0.5, min: 0, max: 1}
            """);

    private static ParamValidator.InvalidParamsException rejected(Map<String, String> values) {
        try {
            ParamValidator.validate(MANIFEST, values);
        }
        catch (ParamValidator.InvalidParamsException ex) {
            return ex;
        }
        throw new AssertionError("accepted " + values);
    }

    @Test
    void aHugeExponentIntIsRefusedAtOnceNamingTheFieldAndItsLimits() {
        var ex = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rejected(Map.of("n", "1e100000000")));
        assertThat(ex.errors().getFirst().field()).isEqualTo("n");
        assertThat(ex.errors().getFirst().min().toString()).isEqualTo("1");
        assertThat(ex.errors().getFirst().max().toString()).isEqualTo("50");
        assertThat(ex.errors().getFirst().message()).contains("1").contains("50");
    }

    @Test
    void aTinyExponentDecimalIsRefusedAtOnce() {
        var ex = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rejected(Map.of("ratio", "1e-999999999")));
        assertThat(ex.errors().getFirst().field()).isEqualTo("ratio");
    }

    @Test
    void numbersWithAnExponentOrTooManyDigitsAreRefused() {
        for (String bad : new String[] { "1e1", "5E0", "0x10", "1234567890123456789", "5.5", " ", "--5" }) {
            if (!bad.isBlank()) {
                assertThat(rejected(Map.of("n", bad)).errors()).as(bad).isNotEmpty();
            }
        }
        for (String bad : new String[] { "1e-1", "0.1234567891", ".5", "5." }) {
            assertThat(rejected(Map.of("ratio", bad)).errors()).as(bad).isNotEmpty();
        }
    }

    @Test
    void plainNumbersInRangeAreAcceptedAndNormalised() {
        assertThat(ParamValidator.validate(MANIFEST, Map.of("n", "+7", "ratio", "0.250")))
            .containsEntry("n", "7").containsEntry("ratio", "0.25");
        assertThat(ParamValidator.validate(MANIFEST, Map.of("n", "7.0"))).containsEntry("n", "7");
        assertThatThrownBy(() -> ParamValidator.validate(MANIFEST, Map.of("n", "51")))
            .isInstanceOf(ParamValidator.InvalidParamsException.class);
    }
}
