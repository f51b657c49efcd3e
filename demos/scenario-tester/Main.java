import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import demolib.*;

/**
 * One JSON scenario file, two implementations: the scenarios (Given/When/Then), expanded by the
 * generator, run against v1 (the reference) and v2 (a rewrite with a switchable regression), each
 * behind a real loopback HTTP API and over injected infrastructure (in memory, on files, or both).
 *
 * <pre>java demos/scenario-tester/Main.java --set=all --regression=boundary --binding=both --scenario=</pre>
 */
public final class Main {
    /** A pause after each case's lines, so the panel draws the matrix row by row and the event rate stays low. */
    static final long PACE_MS = 60;

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    static void run(Args a) throws Exception {
        String set = a.choiceArg("set", "payments", "wallet", "all");
        String regression = a.choiceArg("regression", "none", "boundary", "idempotency", "expiry", "event");
        String binding = a.choiceArg("binding", "memory", "files", "both");
        String edited = a.textArg("scenario", 4000).strip();

        List<Scenario> scenarios = new ArrayList<>();
        List<Generator.Case> cases;
        try {
            if (!"wallet".equals(set)) scenarios.addAll(Scenario.parseAll(ScenarioFiles.PAYMENTS, "payments.json"));
            if (!"payments".equals(set)) scenarios.addAll(Scenario.parseAll(ScenarioFiles.WALLET, "wallet.json"));
            if (!edited.isEmpty()) {
                // the edited scenario replaces the one of the same name, or joins the set
                for (Scenario s : Scenario.parseAll(edited, "the edited scenario")) {
                    int at = -1;
                    for (int i = 0; i < scenarios.size(); i++) if (scenarios.get(i).name().equals(s.name())) at = i;
                    if (at >= 0) scenarios.set(at, s);
                    else scenarios.add(s);
                }
            }
            cases = Generator.expand(scenarios);
            // every Given built once in memory, so a malformed one is refused before anything runs
            var dryRun = new Tester(null);
            for (var c : cases) dryRun.given(c, "memory");
        }
        catch (IllegalArgumentException e) {
            Emit.error("badScenario", Json.obj("reason", e.getMessage()), e.getMessage());
            System.exit(2);
            return;
        }
        Emit.event("start", Json.obj("set", set, "scenarios", scenarios.size(), "cases", cases.size(), "regression", regression,
                "binding", binding));
        List<String> unitFailures = V2UnitTests.failures(regression);
        Emit.event("unitTests", Json.obj("passed", V2UnitTests.TESTS.size() - unitFailures.size(), "failed", unitFailures.size()));
        Path temp = Files.createTempDirectory("scenario-tester");
        try {
            runCases(set, scenarios, cases, regression, binding, edited, unitFailures, temp);
        }
        finally {
            deleteTree(temp);
        }
    }

    static void runCases(String set, List<Scenario> scenarios, List<Generator.Case> cases, String regression, String binding, String edited,
            List<String> unitFailures, Path temp) throws Exception {
        List<String> bindings = "both".equals(binding) ? List.of("memory", "files") : List.of(binding);
        Map<String, Function<Infra, WalletService>> impls = new LinkedHashMap<>();
        impls.put("v1", WalletService.V1::new);
        impls.put("v2", infra -> new WalletService.V2(infra, regression));
        var tester = new Tester(temp);
        Map<String, Integer> failed = new HashMap<>(Map.of("v1", 0, "v2", 0));
        int bindingChanges = 0;
        List<String> v2FailedCases = new ArrayList<>();
        Set<String> scenarioNodes = new HashSet<>();
        Map<String, Boolean> scenarioPass = new HashMap<>();
        try (var v1 = new WalletServer(); var v2 = new WalletServer()) {
            Map<String, WalletServer> servers = Map.of("v1", v1, "v2", v2);
            for (Generator.Case c : cases) {
                String scenarioId = "s" + (scenarios.indexOf(scenarios.stream().filter(s -> s.name().equals(c.scenario())).findFirst().orElseThrow()) + 1);
                var cells = Json.obj("scenario", c.scenario(), "case", c.name(), "tags", String.join(", ", c.tags()));
                Map<String, Map<String, Boolean>> stepPass = new LinkedHashMap<>();
                Map<String, String> stepErr = new LinkedHashMap<>();
                for (String impl : impls.keySet()) {
                    Boolean first = null;
                    for (String b : bindings) {
                        Tester.Result r = tester.run(c, impl, b, servers.get(impl), impls.get(impl));
                        cells.put(impl + ("files".equals(b) && bindings.size() > 1 ? "Files" : ""), r.pass() ? "pass" : "fail");
                        if (first == null) {
                            first = r.pass();
                            if (!r.pass()) {
                                failed.merge(impl, 1, Integer::sum);
                                if ("v2".equals(impl)) v2FailedCases.add(c.name());
                            }
                            for (Tester.Step s : r.steps()) {
                                stepPass.computeIfAbsent(s.name(), k -> new LinkedHashMap<>()).put(impl, s.pass());
                                if (!s.pass()) {
                                    stepErr.merge(s.name(), impl + ": " + s.path() + " — expected " + s.expected() + ", got " + s.actual(), (x, y) -> x + "; " + y);
                                    Emit.event("mismatch", Json.obj("case", c.name(), "impl", impl, "binding", b, "step", s.name(),
                                            "path", s.path(), "expected", s.expected(), "actual", s.actual()));
                                }
                            }
                        }
                        else if (first != r.pass()) {
                            bindingChanges++;
                            Emit.event("bindingChanged", Json.obj("case", c.name(), "impl", impl));
                        }
                    }
                }
                Emit.row("matrix", c.id(), cells);
                boolean casePass = stepPass.values().stream().allMatch(m -> m.values().stream().allMatch(x -> x));
                scenarioPass.merge(scenarioId, casePass, Boolean::logicalAnd);
                if (scenarioNodes.add(scenarioId) || !casePass) {
                    Emit.node(scenarioId, null, c.scenario(), scenarioPass.get(scenarioId) ? "done" : "failed", null);
                }
                String caseNode = scenarioId + "/" + c.id();
                Emit.node(caseNode, scenarioId, c.name().equals(c.scenario()) ? c.id() : c.name().substring(c.scenario().length()).strip(),
                        casePass ? "done" : "failed", null);
                for (var e : stepPass.entrySet()) {
                    boolean ok = e.getValue().values().stream().allMatch(x -> x);
                    var extra = new LinkedHashMap<String, Object>();
                    extra.put("fields", Json.obj("v1", e.getValue().get("v1") ? "pass" : "fail", "v2", e.getValue().get("v2") ? "pass" : "fail"));
                    if (!ok) extra.put("err", stepErr.get(e.getKey()));
                    Emit.node(caseNode + "/" + e.getKey(), caseNode, e.getKey(), ok ? "done" : "failed", extra);
                }
                Thread.sleep(PACE_MS);
            }
        }
        Emit.done(Json.obj("set", set, "scenarios", scenarios.size(), "regression", regression, "binding", binding,
                "cases", cases.size(), "v1Passed", cases.size() - failed.get("v1"), "v1Failed", failed.get("v1"),
                "v2Passed", cases.size() - failed.get("v2"), "v2Failed", failed.get("v2"),
                "v2UnitTestsPassed", V2UnitTests.TESTS.size() - unitFailures.size(), "v2UnitTestsFailed", unitFailures.size(),
                "bindingChanges", bindingChanges, "editedScenario", !edited.isEmpty(),
                "v2FailedCases", String.join(" | ", v2FailedCases)));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
