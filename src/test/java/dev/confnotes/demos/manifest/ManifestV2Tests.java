package dev.confnotes.demos.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The second edition of demo.yml: views of every kind, wording in two languages, guided steps, test settings. */
class ManifestV2Tests {

    static final String HEAD = """
            id: t
            title: 시험
            titleEn: Test
            params:
              - {name: noise, type: int, default: 0, min: 0, max: 10, label: 소음, labelEn: Noise}
              - name: version
                type: choice
                default: sleep
                choices: [sleep, await]
                choiceLabels: {sleep: 잠깐 쉬기, await: 기다리기}
                choiceLabelsEn: {sleep: sleeping, await: awaiting}
            presets:
              - {name: noisy, label: 시끄러움, labelEn: Noisy, values: {noise: 8}}
            terms:
              sleep-then-assert: {ko: 잠깐 쉬고 확인, en: sleep then assert}
            events:
              firstFailure: {ko: "{version}: 첫 실패", en: "{version}: first failure"}
            summary:
              sleepFailed: {label: sleep 실패, labelEn: Sleep failures}
              p99Ms: {label: p99 지연, labelEn: p99 latency, unit: ms}
              verdict: {label: 판정, labelEn: Verdict}
            """;

    static DemoManifest parse(String rest) {
        return ManifestParser.parse("t", HEAD + rest);
    }

    static String views(String... views) {
        return "views:\n" + String.join("\n", views) + "\n";
    }

    @Test
    void everyKindLoadsWithItsOptionsAndDefaultsInDisplayOrder() {
        DemoManifest manifest = parse(views(
                "  - {kind: line, id: lag, title: 지연, titleEn: Lag, unit: ms, series: [{metric: p99, label: p99, labelEn: p99}], marks: [gc]}",
                "  - {kind: table, id: results, title: 결과, titleEn: Results, sortBy: version, columns: [{key: version, label: 버전, labelEn: Version}, {key: p99Ms, label: p99, labelEn: p99, type: number, unit: ms}]}",
                "  - {kind: timeline, id: waterfall, title: 워터폴, titleEn: Waterfall, unit: ms}",
                "  - {kind: flame, id: cpu, title: CPU, titleEn: CPU, unit: samples, diff: [before, after]}",
                "  - {kind: heatmap, id: latency, title: 히트맵, titleEn: Heat map, unit: µs}",
                "  - {kind: state, id: phase, title: 단계, titleEn: Phase, states: [Pending, Ready], transitions: [[Pending, Ready]]}",
                "  - {kind: tree, id: contexts, title: 트리, titleEn: Tree}",
                "  - {kind: log, id: log, title: 이벤트, titleEn: Events}"));

        assertThat(manifest.views()).extracting(DemoManifest.View::kind).containsExactlyElementsOf(ViewKind.keys()
            .stream().sorted((a, b) -> List.of("line", "table", "timeline", "flame", "heatmap", "state", "tree", "log")
                .indexOf(a) - List.of("line", "table", "timeline", "flame", "heatmap", "state", "tree", "log").indexOf(b))
            .toList());
        DemoManifest.View line = manifest.views().getFirst();
        assertThat(line.title(Locale.ENGLISH)).isEqualTo("Lag");
        assertThat(line.title(Locale.KOREAN)).isEqualTo("지연");
        JsonNode options = JsonMapper.shared().readTree(line.optionsJson());
        assertThat(options.path("style").asString()).as("default style").isEqualTo("line");
        assertThat(options.path("series").get(0).path("labelEn").asString()).isEqualTo("p99");
        assertThat(options.has("title")).as("common keys are not options").isFalse();
        JsonNode table = JsonMapper.shared().readTree(manifest.views().get(1).optionsJson());
        assertThat(table.path("columns").get(0).path("type").asString()).as("default column type").isEqualTo("text");
        assertThat(JsonMapper.shared().readTree(manifest.views().get(2).optionsJson()).path("groups").asString())
            .isEqualTo("latest");
        assertThat(manifest.hasView(ViewKind.TREE)).isTrue();
    }

    @Test
    void aBadViewNamesItsKey() {
        assertThatThrownBy(() -> parse(views("  - {kind: pie, id: p, title: 파이, titleEn: Pie}")))
            .hasMessageContaining("views.p.kind").hasMessageContaining("line");
        assertThatThrownBy(() -> parse(views("  - {kind: table, id: r, title: 결과, titleEn: Results, sortBy: nope, columns: [{key: a, label: 가, labelEn: A}]}")))
            .hasMessageContaining("views.r.sortBy");
        assertThatThrownBy(() -> parse(views("  - {kind: table, id: r, title: 결과, titleEn: Results, columns: [{key: a, label: 가, labelEn: A, type: pie}]}")))
            .hasMessageContaining("views.r.columns.a.type");
        assertThatThrownBy(() -> parse(views("  - {kind: line, id: l, title: 선, titleEn: Line, series: [{metric: a, label: 가}]}")))
            .as("a legend needs both languages").hasMessageContaining("views.l.series.a");
        assertThatThrownBy(() -> parse(views("  - {kind: line, id: l, title: 선, titleEn: Line, series: [{metric: a, label: 가, labelEn: A}], colour: red}")))
            .hasMessageContaining("views.l: 'colour' is not an option");
        assertThatThrownBy(() -> parse(views("  - {kind: state, id: s, title: 상태, titleEn: State, states: [A, B], transitions: [[A, C]]}")))
            .hasMessageContaining("views.s.transitions");
        assertThatThrownBy(() -> parse(views("  - {kind: flame, id: f, title: 불꽃, titleEn: Flame, diff: [before]}")))
            .hasMessageContaining("views.f.diff");
        assertThatThrownBy(() -> parse(views("  - {kind: log, id: l, title: 로그}"))).hasMessageContaining("titleEn");
        assertThatThrownBy(() -> parse(views("  - {kind: log, id: l, title: 로그, titleEn: Log}",
                "  - {kind: tree, id: l, title: 트리, titleEn: Tree}"))).hasMessageContaining("views.l");
    }

    @Test
    void theFirstEditionsChartsAndTreeKeysAreRefused() {
        assertThatThrownBy(() -> parse("charts: []\n")).hasMessageContaining("'charts' is replaced by views");
        assertThatThrownBy(() -> parse("tree: true\n")).hasMessageContaining("'tree' is replaced by views");
    }

    @Test
    void wordingComesInThePagesLanguage() {
        DemoManifest manifest = parse("");
        JsonNode en = JsonMapper.shared().readTree(manifest.wordingJson(Locale.ENGLISH));
        JsonNode ko = JsonMapper.shared().readTree(manifest.wordingJson(Locale.KOREAN));
        assertThat(en.path("terms").path("sleep-then-assert").asString()).isEqualTo("sleep then assert");
        assertThat(ko.path("terms").path("sleep-then-assert").asString()).isEqualTo("잠깐 쉬고 확인");
        assertThat(en.path("events").path("firstFailure").asString()).isEqualTo("{version}: first failure");
        assertThat(en.path("summary").path("p99Ms").path("label").asString()).isEqualTo("p99 latency");
        assertThat(en.path("summary").path("p99Ms").path("unit").asString()).isEqualTo("ms");
        assertThat(en.path("summary").path("verdict").has("unit")).isFalse();
        assertThat(manifest.term("sleep-then-assert", Locale.ENGLISH)).isEqualTo("sleep then assert");
        assertThat(manifest.term("other", Locale.ENGLISH)).isEqualTo("other");
        DemoManifest.Param version = manifest.param("version").orElseThrow();
        assertThat(version.choiceLabel("await", Locale.ENGLISH)).isEqualTo("awaiting");
        assertThat(version.choiceLabel("await", Locale.KOREAN)).isEqualTo("기다리기");
        assertThatThrownBy(() -> ManifestParser.parse("t", HEAD.replace("en: sleep then assert", "x: y")))
            .hasMessageContaining("terms.sleep-then-assert");
        assertThatThrownBy(() -> ManifestParser.parse("t", HEAD.replace("choiceLabelsEn: {sleep:", "choiceLabelsEn: {nap:")))
            .hasMessageContaining("params.version.choiceLabelsEn: 'nap' is not a choice");
    }

    @Test
    void aStepIsMetWhenEveryClauseHoldsForTheSummary() {
        DemoManifest manifest = parse("""
                steps:
                  - {id: flake, text: 소음을 올려 보세요, textEn: Raise the noise, preset: noisy, when: "sleepFailed > 0 and verdict == sleep-then-assert"}
                  - {id: fast, text: 빠르게, textEn: Fast, when: "p99Ms <= 50"}
                """);
        Step flake = manifest.steps().getFirst();
        assertThat(flake.text(Locale.ENGLISH)).isEqualTo("Raise the noise");
        assertThat(flake.preset()).isEqualTo("noisy");
        assertThat(flake.isMetBy(Map.of("sleepFailed", 3, "verdict", "sleep-then-assert"))).isTrue();
        assertThat(flake.isMetBy(Map.of("sleepFailed", 0, "verdict", "sleep-then-assert"))).isFalse();
        assertThat(flake.isMetBy(Map.of("sleepFailed", 3))).as("a missing key fails its clause").isFalse();
        assertThat(manifest.stepsMetBy(Map.of("sleepFailed", 2, "verdict", "sleep-then-assert", "p99Ms", 50.0)))
            .containsExactly("flake", "fast");
        assertThat(manifest.stepsMetBy(Map.of("p99Ms", 50.5))).isEmpty();
    }

    @Test
    void aBadConditionIsRefusedWhenTheManifestLoads() {
        assertThatThrownBy(() -> parse("steps:\n  - {id: s, text: 가, textEn: A, when: \"nope > 1\"}\n"))
            .hasMessageContaining("steps.s.when").hasMessageContaining("'nope' is not a key of the manifest's summary");
        assertThatThrownBy(() -> parse("steps:\n  - {id: s, text: 가, textEn: A, when: \"p99Ms >> 1\"}\n"))
            .hasMessageContaining("steps.s.when");
        assertThatThrownBy(() -> parse("steps:\n  - {id: s, text: 가, textEn: A, when: \"verdict > pass\"}\n"))
            .hasMessageContaining("not a number");
        assertThatThrownBy(() -> parse("steps:\n  - {id: s, text: 가, textEn: A, preset: loud, when: \"p99Ms > 1\"}\n"))
            .hasMessageContaining("steps.s.preset");
        assertThatThrownBy(() -> parse("steps:\n  - {id: s, text: 가, textEn: A}\n")).hasMessageContaining("steps.s.when");
    }

    @Test
    void testSettingsNameTheManifestsParamsWithValuesItAccepts() {
        DemoManifest manifest = parse("test:\n  params: {noise: 2}\n  args: [--samples=3]\n");
        assertThat(manifest.test().params()).containsEntry("noise", "2");
        assertThat(manifest.test().args()).containsExactly("--samples=3");
        assertThat(parse("").test()).isEqualTo(DemoManifest.TestSettings.NONE);
        assertThatThrownBy(() -> parse("test:\n  params: {loud: 2}\n")).hasMessageContaining("test.params: 'loud'");
        assertThatThrownBy(() -> parse("test:\n  params: {noise: 99}\n")).hasMessageContaining("test.params.noise");
    }
}
