package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The scenario tester's mechanisms: which scenarios a regression turns red, bindings that change nothing, edits refused clearly. */
class ScenarioTesterDemoTests {
    static final String ID = "scenario-tester";
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode finish(Map<String, Object> params, int exitCode) throws Exception {
        proc = DemoProcess.start(DemoProcess.command(ID, new LinkedHashMap<>(params)));
        JsonNode last = proc.await(n -> Set.of("done", "error").contains(n.path("type").asString()), Duration.ofSeconds(90));
        assertNotNull(last, "no done or error\n" + proc.stderr());
        assertEquals(exitCode, proc.waitFor(Duration.ofSeconds(10)), proc.stderr());
        return last;
    }

    /** The last row of each case, by id. */
    Map<String, JsonNode> rows() {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        proc.lines.stream().filter(n -> "row".equals(n.path("type").asString()) && "matrix".equals(n.path("view").asString()))
            .forEach(n -> rows.put(n.path("id").asString(), n.path("cells")));
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = { "boundary", "idempotency", "expiry", "event" })
    void v2FailsExactlyTheScenariosItsRegressionTouches(String regression) throws Exception {
        JsonNode s = finish(Map.of("regression", regression, "binding", "memory"), 0).path("summary");
        assertEquals(0, s.path("v2UnitTestsFailed").asInt(), "v2's own unit tests stay green");
        assertEquals(0, s.path("v1Failed").asInt(), "the reference passes every scenario");
        Set<String> red = new TreeSet<>(), touched = new TreeSet<>();
        rows().forEach((id, cells) -> {
            if ("fail".equals(cells.path("v2").asString())) red.add(cells.path("case").asString());
            if (List.of(cells.path("tags").asString().split(", ")).contains(regression)) touched.add(cells.path("case").asString());
        });
        assertThat(touched).as("the scenario file tags what " + regression + " touches").isNotEmpty();
        assertThat(red).isEqualTo(touched);
        assertEquals(red.size(), s.path("v2Failed").asInt());
        assertThat(DemoProcess.manifest(ID).stepsMetBy(DemoProcess.JSON.convertValue(s, Map.class))).contains("red-on-v2");
    }

    @Test
    void withoutARegressionBothImplementationsPassEveryCaseTheGeneratorMade() throws Exception {
        JsonNode s = finish(Map.of("regression", "none", "binding", "memory"), 0).path("summary");
        assertThat(s.path("cases").asInt()).as("parameterised scenarios expand into cases").isGreaterThan(s.path("scenarios").asInt());
        assertEquals(0, s.path("v1Failed").asInt());
        assertEquals(0, s.path("v2Failed").asInt());
        assertEquals(s.path("cases").asInt(), rows().size());
    }

    @Test
    void switchingTheInfrastructureBindingChangesNoVerdict() throws Exception {
        JsonNode s = finish(Map.of("regression", "expiry", "binding", "both"), 0).path("summary");
        assertEquals(0, s.path("bindingChanges").asInt());
        assertThat(s.path("v2Failed").asInt()).isPositive();
        rows().forEach((id, cells) -> {
            assertEquals(cells.path("v1").asString(), cells.path("v1Files").asString(), "v1 on " + cells);
            assertEquals(cells.path("v2").asString(), cells.path("v2Files").asString(), "v2 on " + cells);
        });
        assertThat(DemoProcess.manifest(ID).stepsMetBy(DemoProcess.JSON.convertValue(s, Map.class))).contains("binding");
    }

    @Test
    void anEditedScenarioRunsOnBothImplementations() throws Exception {
        String edited = "{\"name\": \"pay the exact balance\", \"tags\": [\"boundary\"], \"given\": {\"wallets\": [{\"id\": \"w3\", \"balance\": 500}]},"
                + " \"when\": {\"method\": \"POST\", \"path\": \"/wallets/w3/pay\", \"body\": {\"amount\": 500, \"orderId\": \"o-50\"}},"
                + " \"then\": {\"status\": 200, \"body\": {\"balance\": 0}}}";
        JsonNode s = finish(Map.of("set", "wallet", "regression", "boundary", "binding", "memory", "scenario", edited), 0).path("summary");
        assertThat(s.path("editedScenario").asBoolean()).isTrue();
        JsonNode row = rows().values().stream().filter(c -> "pay the exact balance".equals(c.path("case").asString())).findFirst().orElseThrow();
        assertEquals("pass", row.path("v1").asString());
        assertEquals("fail", row.path("v2").asString());
    }

    static Stream<Arguments> brokenEdits() {
        return Stream.of(
                Arguments.of("{\"name\": \"read\", \"when\": {\"method\": \"GET\", \"path\": \"/wallets/w1\"", "not valid JSON"),
                Arguments.of("{\"name\": \"read\", \"when\": {\"method\": \"GET\", \"path\": \"/wallets/w1\"}, \"thne\": {\"status\": 200}}",
                        "unknown step 'thne'"),
                Arguments.of("{\"name\": \"read\", \"given\": {\"walets\": []}, \"when\": {\"method\": \"GET\", \"path\": \"/wallets/w1\"},"
                        + " \"then\": {\"status\": 200}}", "unknown key 'given.walets'"),
                Arguments.of("{\"name\": \"read\", \"when\": {\"method\": \"GET\", \"path\": \"/w/${id}\"}, \"then\": {\"status\": 200},"
                        + " \"cases\": [{}]}", "no value for ${id}"),
                Arguments.of("[1, 2]", "a scenario is a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("brokenEdits")
    void aBrokenEditGivesAClearErrorNotACrash(String edited, String says) throws Exception {
        JsonNode error = finish(Map.of("regression", "none", "binding", "memory", "scenario", edited), 2);
        assertEquals("error", error.path("type").asString());
        assertEquals("badScenario", error.path("kind").asString());
        assertThat(error.path("fields").path("reason").asString()).contains(says).doesNotContain("Exception");
        assertThat(proc.stderr()).doesNotContain("Exception");
        assertThat(proc.lines).noneMatch(n -> "row".equals(n.path("type").asString()));
    }

    @Test
    void theFormRefusesAScenarioPastItsLimitsBeforeAnyRun() {
        assertThatThrownBy(() -> DemoProcess.command(ID, Map.of("scenario", "{\"name\":\n\"x\"}")))
            .hasMessageContaining("scenario");
        assertThatThrownBy(() -> DemoProcess.command(ID, Map.of("scenario", "x".repeat(2001))))
            .hasMessageContaining("scenario").hasMessageContaining("2000");
    }
}
