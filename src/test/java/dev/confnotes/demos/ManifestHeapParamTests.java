package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Params that reach JVM flags are bounded: no free text in a flag, an -Xmx param has limits, no overflow. */
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
        DemoManifest ok = parse("{name: heap, type: int, default: 64, min: 32, max: 512, jvm: \"-Xmx{value}m\"}");
        assertThat(HeapBudget.heapMb(ok, Map.of("heap", "128"))).isEqualTo(128);
    }
}
