import demolib.*;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing against blind random on one real parser ({@link RecordParser}), whose
 * bytecode gets edge counters as it loads (ClassFile API, {@link Instrumenter}).
 *
 * <pre>java demos/go-testing/Main.java --seed=42 --budgetK=500 --dictionary=false --pace=25000</pre>
 *
 * Both fuzzers take turns on the one thread in slices of executions, so they share the CPU evenly;
 * each gets the same budget of executions and its own random stream from the same seed. When the guided
 * one crashes the parser it stops (as {@code go test -fuzz} does), minimises the input, writes it as a
 * corpus file in Go's format to a temp folder and replays it against the uninstrumented class.
 */
public final class Main {
    static final int MAX_SECONDS = 100;
    static final long REPORT_MS = 250;
    static final byte[] SEED_INPUT = "hello, fuzz!".getBytes(StandardCharsets.US_ASCII);
    static final byte[][] DICTIONARY = {"CNR1".getBytes(StandardCharsets.US_ASCII), {'X'}, {'D'}, {2}};
    static final AtomicBoolean stop = new AtomicBoolean();

    public static void main(String[] argv) {
        Args.run(argv, args -> run(args.intArg("seed", 0, 1_000_000), args.intArg("budgetK", 10, 5_000),
                args.boolArg("dictionary"), args.intArg("pace", 1_000, 10_000_000)));
    }

    static void run(int seed, int budgetK, boolean dictionary, int pace) throws IOException, ReflectiveOperationException {
        Commands.listen(cmd -> {
            if (!"stop".equals(cmd.get("cmd"))) throw new IllegalArgumentException("unknown command " + cmd.get("cmd"));
            stop.set(true);
        });
        long budget = budgetK * 1000L;
        // the pace only spaces the executions out in time so the climb can be watched; which inputs run,
        // and so every result, depends on the seed and the budget alone
        if (budget / (double) pace > MAX_SECONDS) {
            int raised = (int) Math.ceil(budget / (double) MAX_SECONDS);
            Emit.event("paceRaised", Json.obj("asked", pace, "used", raised, "seconds", MAX_SECONDS));
            pace = raised;
        }
        int slice = Math.max(100, Math.min(20_000, pace / 40));

        // load the parser a second time, through our own loader, with counters in its bytecode
        var instrumenter = new Instrumenter();
        byte[] original = Instrumenter.originalBytes(RecordParser.class);
        byte[] instrumented = instrumenter.instrument(original, Main.class.getClassLoader());
        var loader = new Instrumenter.TargetLoader(Main.class.getClassLoader(), RecordParser.class.getName(), instrumented);
        Class<?> target = loader.loadClass(RecordParser.class.getName());
        MethodHandle parse = MethodHandles.publicLookup().findStatic(target, "parse",
                MethodType.methodType(String.class, byte[].class));
        int blocks = instrumenter.blockLines.size() - 1;
        Emit.event("instrumented", Json.obj("target", RecordParser.class.getName(), "blocks", blocks,
                "bytesBefore", original.length, "bytesAfter", instrumented.length, "loader", target.getClassLoader().getName()));

        byte[][] words = dictionary ? DICTIONARY : new byte[0][];
        var guided = new Fuzzer(true, parse, seed, words, SEED_INPUT);
        var blind = new Fuzzer(false, parse, seed, words, SEED_INPUT);
        corpusRow(guided.corpus.getFirst(), instrumenter);

        long start = System.nanoTime();
        long lastReport = start;
        long[] busyNs = {0, 0};
        Map<String, Object> crashReport = Json.obj("minimisedLength", -1, "crashLength", -1, "reproduces", false);
        report(guided, blind, busyNs); // the seed input's edges: a first point at once
        while (!stop.get() && (guided.execs < budget && guided.crash == null || blind.execs < budget)) {
            if (guided.crash == null && guided.execs < budget) {
                long t0 = System.nanoTime();
                for (int i = 0; i < slice && guided.crash == null && guided.execs < budget; i++) {
                    Fuzzer.Entry kept = guided.step();
                    if (kept != null) {
                        corpusRow(kept, instrumenter);
                        Emit.event("newInput", Json.obj("id", kept.id(), "parent", kept.parent(),
                                "edges", kept.newEdges().size(), "total", guided.edges, "exec", kept.exec()));
                    }
                }
                busyNs[0] += System.nanoTime() - t0;
                if (guided.crash != null) {
                    Emit.event("crash", Json.obj("fuzzer", "guided", "exec", guided.crash.exec(),
                            "error", guided.crash.error().getClass().getSimpleName(), "input", Hex.text(guided.crash.data())));
                    // as go test -fuzz does: stop this fuzzer, minimise, write the corpus file (the blind one goes on)
                    long t1 = System.nanoTime();
                    crashReport = reproduce(guided.crash, parse);
                    start += System.nanoTime() - t1; // the pace is for fuzzing; minimising is not paced
                }
            }
            if (blind.execs < budget) {
                long t0 = System.nanoTime();
                for (int i = 0; i < slice && blind.execs < budget; i++) blind.step();
                busyNs[1] += System.nanoTime() - t0;
                if (blind.crash != null && blind.crash.exec() > blind.execs - slice) {
                    Emit.event("crash", Json.obj("fuzzer", "random", "exec", blind.crash.exec(),
                            "error", blind.crash.error().getClass().getSimpleName(), "input", Hex.text(blind.crash.data())));
                }
            }
            long ahead = start + (long) (Math.max(guided.execs, blind.execs) * 1e9 / pace) - System.nanoTime();
            if (ahead > 0) sleep(ahead);
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_MS * 1_000_000) {
                report(guided, blind, busyNs);
                lastReport = now;
            }
        }
        report(guided, blind, busyNs);

        var summary = Json.obj("guidedCrashes", guided.crash != null ? 1 : 0, "randomCrashes", blind.crash != null ? 1 : 0,
                "guidedExecsToCrash", guided.crash != null ? guided.crash.exec() : -1,
                "guidedEdges", guided.edges, "randomEdges", blind.edges, "corpusSize", guided.corpus.size(),
                "guidedExecs", guided.execs, "randomExecs", blind.execs, "budget", budget, "blocks", blocks,
                "dictionaryWords", words.length, "pace", pace,
                "execsPerCpuSec", Math.round((guided.execs + blind.execs) / Math.max(1e-3, (busyNs[0] + busyNs[1]) / 1e9)));
        summary.putAll(crashReport);
        summary.put("stopped", stop.get());
        Emit.done(summary);
    }

    /**
     * Edges so far, and each fuzzer's speed in executions per second of its own CPU time: what it would
     * do unpaced (the blind one bails out at the first checks, so it runs many times faster).
     */
    static void report(Fuzzer guided, Fuzzer blind, long[] busyNs) {
        var values = Json.obj("guidedEdges", guided.edges, "randomEdges", blind.edges);
        // running averages: a paced slice of the blind fuzzer takes well under a millisecond
        if (busyNs[0] > 0) values.put("guidedExecsPerCpuSec", Math.round(guided.execs / (busyNs[0] / 1e9)));
        if (busyNs[1] > 0) values.put("randomExecsPerCpuSec", Math.round(blind.execs / (busyNs[1] / 1e9)));
        Emit.metric(values);
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
    }

    /** The table row of one kept input: its parent, the mutations that made it and the edges it added. */
    static void corpusRow(Fuzzer.Entry e, Instrumenter in) {
        var labels = new ArrayList<String>();
        for (int edge : e.newEdges()) labels.add(edgeLabel(edge, in));
        Emit.row("corpus", String.valueOf(e.id()), Json.obj("id", e.id(), "parent", e.parent() < 0 ? "" : String.valueOf(e.parent()),
                "mutation", e.mutation(), "input", Hex.text(e.data()), "added", e.newEdges().size(),
                "edges", String.join(" ", labels), "exec", e.exec()));
    }

    /** An edge as "line.k→line.k", k counting the blocks on one source line (a || chain has several). */
    static String edgeLabel(int edge, Instrumenter in) {
        int from = edge / Coverage.MAX_BLOCKS;
        int to = edge % Coverage.MAX_BLOCKS;
        return blockLabel(from, in) + "→" + blockLabel(to, in);
    }

    static String blockLabel(int block, Instrumenter in) {
        if (block == 0) return "in";
        int line = in.blockLines.get(block);
        int k = 1;
        for (int b = 1; b < block; b++) if (in.blockLines.get(b) == line) k++;
        return k == 1 ? String.valueOf(line) : line + "." + k;
    }

    /**
     * Minimises the crash (the same exception at the same place), writes it as a Go corpus file under a
     * temp folder, reads that file back and replays it on the class as compiled, without counters.
     */
    static Map<String, Object> reproduce(Fuzzer.Crash crash, MethodHandle instrumented) throws IOException {
        String where = place(crash.error());
        Emit.row("crash", "found", Json.obj("what", "found", "input", Hex.text(crash.data()), "length", crash.data().length,
                "error", crash.error().getClass().getSimpleName(), "where", where, "reproduces", true));
        var minimiser = new Minimiser(instrumented, crash.error().getClass(), where);
        byte[] small = minimiser.minimise(crash.data());
        Emit.event("minimised", Json.obj("from", crash.data().length, "to", small.length, "tries", minimiser.tries));
        Emit.row("crash", "minimised", Json.obj("what", "minimised", "input", Hex.text(small), "length", small.length,
                "error", crash.error().getClass().getSimpleName(), "where", where, "reproduces", true));

        Path dir = Files.createTempDirectory("go-testing-");
        try {
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(small)).substring(0, 16);
            Path file = dir.resolve("testdata/fuzz/FuzzParseRecord").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "go test fuzz v1\n[]byte(\"" + Hex.text(small) + "\")\n");
            byte[] replay = CorpusFile.read(Files.readString(file));
            Throwable seen = null;
            try {
                RecordParser.parse(replay); // the uninstrumented class: the crash is the parser's, not the counters'
            }
            catch (BadRecord refused) {
                // no crash
            }
            catch (RuntimeException ex) {
                seen = ex;
            }
            boolean reproduces = seen != null && seen.getClass() == crash.error().getClass() && place(seen).equals(where);
            Emit.row("crash", "regression", Json.obj("what", "regression", "input", "testdata/fuzz/FuzzParseRecord/" + name,
                    "length", replay.length, "error", seen == null ? "none" : seen.getClass().getSimpleName(),
                    "where", seen == null ? "" : place(seen), "reproduces", reproduces));
            Emit.event("replayed", Json.obj("file", "testdata/fuzz/FuzzParseRecord/" + name, "reproduces", reproduces));
            return Json.obj("minimisedLength", small.length, "crashLength", crash.data().length, "reproduces", reproduces,
                    "regressionFile", name);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Where the parser threw: its method and line (the same in the instrumented copy, which keeps line numbers). */
    static String place(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(RecordParser.class.getName())) return e.getMethodName() + ":" + e.getLineNumber();
        }
        return "?";
    }
}
