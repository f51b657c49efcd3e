import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import demolib.*;

/**
 * A flaky-test lab: five versions of one test of a handler that notifies on another thread, each run
 * {@code runs} times (interleaved, in a seeded order) while {@code noise} busy threads compete for the
 * machine. Counts passes and failures per version and logs each version's first failure.
 *
 * <pre>java demos/api-server-testing/Main.java --seed=42 --runs=100 --noise=0 --sleepMs=20</pre>
 */
public final class Main {
    /** Rounds stop starting after this long, so the longest allowed run stays within its limit. */
    static final long BUDGET_MS = 90_000;

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    /** One version's tally. */
    static final class Tally {
        final TestVersions.Version version;
        int runs, failed;
        double totalMs;
        boolean logged;

        Tally(TestVersions.Version version) {
            this.version = version;
        }

        Map<String, Object> cells() {
            return Json.obj("version", version.name(), "runs", runs, "passed", runs - failed, "failed", failed,
                    "flakePercent", runs == 0 ? 0 : round(100.0 * failed / runs, 1), "meanMs", runs == 0 ? 0 : round(totalMs / runs, 2),
                    "wallMs", round(totalMs, 0),
                    "verdict", runs == 0 ? "info" : failed == 0 ? "pass" : failed == runs ? "fail" : "warn");
        }
    }

    static void run(Args a) throws Exception {
        long seed = a.longArg("seed", 0, 1_000_000);
        int runs = a.intArg("runs", 10, 300);
        int noise = a.intArg("noise", 0, 8);
        int sleepMs = a.intArg("sleepMs", 1, 200);
        Emit.event("start", Json.obj("runs", runs, "noise", noise, "sleepMs", sleepMs, "versions", TestVersions.ALL.size()));

        var rnd = new SplittableRandom(seed);
        var sendingJitter = new SplittableRandom(seed ^ 0x5DEECE66DL);
        var machine = new Noise(noise);
        // the notification's work: encode it (CPU), a network round trip of 1-4 ms (off the processor),
        // then the processor again to record that it went out
        Runnable sending = () -> {
            long micros;
            synchronized (sendingJitter) {
                micros = 1000 + sendingJitter.nextInt(3000);
            }
            machine.onProcessor(() -> digest(64 * 1024));
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            machine.onProcessor(() -> null);
        };
        var idRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        ExecutorService notifier = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "notifier");
            t.setDaemon(true);
            return t;
        });
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (var v : TestVersions.ALL) tallies.put(v.name(), new Tally(v));
        var reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reporter");
            t.setDaemon(true);
            return t;
        });
        reporter.scheduleAtFixedRate(() -> {
            synchronized (tallies) {
                tallies.values().forEach(t -> Emit.row("results", t.version.name(), t.cells()));
            }
        }, 250, 250, TimeUnit.MILLISECONDS);

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        int rounds = 0;
        try (machine) {
            for (int round = 0; round < runs && System.nanoTime() < deadline; round++) {
                List<TestVersions.Version> order = new ArrayList<>(TestVersions.ALL);
                Collections.shuffle(order, new java.util.Random(rnd.nextLong()));
                var durations = new LinkedHashMap<String, Object>();
                for (var v : order) {
                    var outbox = new OrderHandler.Outbox();
                    var real = new OrderHandler(Clock.systemUTC(), () -> {
                        synchronized (idRandom) {
                            return "ord-" + HexFormat.of().toHexDigits(idRandom.nextInt());
                        }
                    }, notifier, outbox, sending);
                    long t0 = System.nanoTime();
                    Check.Failure failure = null;
                    try {
                        v.body().run(new TestVersions.Env(outbox, real, sleepMs));
                    }
                    catch (Check.Failure f) {
                        failure = f;
                    }
                    catch (Exception e) {
                        failure = new Check.Failure("no exception", "none", e.toString());
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    durations.put(v.metric(), round(ms, 3));
                    Tally t = tallies.get(v.name());
                    synchronized (tallies) {
                        t.runs++;
                        t.totalMs += ms;
                        if (failure != null) t.failed++;
                    }
                    if (failure != null && !t.logged) {
                        t.logged = true;
                        Emit.event("firstFailure", Json.obj("version", v.name(), "run", t.runs, "what", failure.what,
                                "expected", failure.expected, "actual", failure.actual));
                    }
                }
                Emit.metric(durations);
                rounds++;
            }
        }
        reporter.shutdownNow();
        reporter.awaitTermination(1, TimeUnit.SECONDS);
        notifier.shutdownNow();
        if (rounds < runs) Emit.event("cutShort", Json.obj("rounds", rounds, "runs", runs, "budgetSeconds", BUDGET_MS / 1000));
        tallies.values().forEach(t -> Emit.row("results", t.version.name(), t.cells()));

        var summary = Json.obj("runs", rounds, "noise", noise, "sleepMs", sleepMs);
        for (var t : tallies.values()) summary.put(t.version.metric() + "Failed", t.failed);
        summary.put("sleepFlakePercent", tallies.get("sleep-then-assert").cells().get("flakePercent"));
        for (var t : tallies.values()) summary.put(t.version.metric() + "MeanMs", t.cells().get("meanMs"));
        double sleepMean = mean(tallies.get("sleep-then-assert"));
        summary.put("awaitSavedMs", round(sleepMean - mean(tallies.get("await-future")), 2));
        summary.put("injectedSavedMs", round(sleepMean - mean(tallies.get("injected-clock")), 2));
        Emit.done(summary);
    }

    private static Void digest(int bytes) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update(new byte[bytes]);
            md.digest();
            return null;
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double mean(Tally t) {
        return t.runs == 0 ? 0 : t.totalMs / t.runs;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
