package dev.confnotes.demos.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.confnotes.demos.runner.HeapBudget;

/**
 * Params that reach JVM flags are bounded: no free text in a flag, an -Xmx param has limits, and the heap
 * is set only through -Xmx, the one flag the heap budget reads.
 */
class ManifestHeapParamTests {

    private static DemoManifest parse(String param) {
        return ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\nparams:\n  - " + param + "\n");
    }

    @Test
    void aTextParamWithAJvmTemplateIsRejected() {
        assertThatThrownBy(() -> parse("{name: opt, type: text, default: x, jvm: \"-D{value}\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }

    @Test
    void anXmxParamWithoutMinAndMaxIsRejected() {
        assertThatThrownBy(() -> parse("{name: heap, type: int, default: 64, jvm: \"-Xmx{value}m\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min and max");
        assertThatThrownBy(() -> parse("{name: heap, type: int, default: 64, min: 32, jvm: \"-Xmx{value}m\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min and max");
        assertThatThrownBy(
                () -> parse("{name: heap, type: decimal, default: 64, min: 32, max: 512, jvm: \"-Xmx{value}m\"}"))
            .as("-Xmx1.5m is no heap size").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int");
        DemoManifest ok = parse("{name: heap, type: int, default: 64, min: 32, max: 512, jvm: \"-Xmx{value}m\"}");
        assertThat(HeapBudget.heapMb(ok, Map.of("heap", "128"))).isEqualTo(128);
    }

    @Test
    void aFixedFlagThatSetsTheHeapOtherThanThroughXmxIsRejectedNamingIt() {
        for (String flag : new String[] { "-XX:MaxHeapSize=4g", "-XX:MaxRAM=64g", "-XX:MaxRAMPercentage=90",
                "-XX:MaxRAMFraction=1", "-XX:MinRAMPercentage=90", "-XX:InitialRAMPercentage=90",
                "-XX:ErgoHeapSizeLimit=4g", "-XX:VMOptionsFile=/tmp/opts", "-XX:Flags=.hotspotrc" }) {
            assertThatThrownBy(() -> ManifestParser.parse("t",
                    "id: t\ntitle: t\nmain: Main.java\njvmFlags: [\"" + flag + "\"]\n"))
                .as(flag).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jvmFlags").hasMessageContaining(flag).hasMessageContaining("maximum heap");
        }
    }

    @Test
    void aParamThatSetsTheHeapOtherThanThroughXmxIsRejected() {
        assertThatThrownBy(() -> parse(
                "{name: heap, type: int, default: 64, min: 32, max: 512, jvm: \"-XX:MaxHeapSize={value}m\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.heap")
            .hasMessageContaining("-XX:MaxHeapSize=");
        assertThatThrownBy(() -> parse(
                "{name: size, type: choice, default: small, choices: [small, big], jvm: {small: \"-Xmx64m\", big: \"-XX:MaxRAMPercentage=90\"}}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.size")
            .hasMessageContaining("-XX:MaxRAMPercentage=90");
    }

    @Test
    void anXmxTheBudgetCannotReadIsRejected() {
        assertThatThrownBy(() -> ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\njvmFlags: [-Xmx2gb]\n"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Xmx2gb");
        assertThat(ManifestParser.parse("t", "id: t\ntitle: t\nmain: Main.java\njvmFlags: [-Xmx2g, -XX:+UseG1GC]\n")
            .jvmFlags()).containsExactly("-Xmx2g", "-XX:+UseG1GC");
    }
}
