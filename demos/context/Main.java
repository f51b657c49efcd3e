import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Context demo: a tree of workers driven either by the Go-context port ({@code --mode=go}) or by
 * Java's own tools ({@code --mode=java}: Future.cancel/interrupts, scheduled timeouts, ScopedValue).
 *
 * <pre>java demos/context/Main.java --shape=fanout --mode=go --timeoutMs=2000 --workMs=1500 --workers=4
 * java demos/context/Main.java --selftest</pre>
 */
public final class Main {

    /** One step of a scenario. ids are assigned in pre-order so they are stable (n1, n2, ...). */
    static final class Spec {
        String id;
        final String label;
        final String kind; // cancel | timeout | withoutCancel
        final long timeoutMs;
        final long workMs;
        final boolean joined;
        final String afterFunc;
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<Spec> children = new ArrayList<>();

        Spec(String label, String kind, long timeoutMs, long workMs, boolean joined, String afterFunc) {
            this.label = label;
            this.kind = kind;
            this.timeoutMs = timeoutMs;
            this.workMs = workMs;
            this.joined = joined;
            this.afterFunc = afterFunc;
        }

        Spec value(String k, Object v) {
            values.put(k, v);
            return this;
        }

        Spec child(Spec c) {
            children.add(c);
            return this;
        }
    }

    static final class Node {
        final Spec spec;
        final String id;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        volatile String state = "running";
        volatile String err;
        volatile String cause;
        volatile long progressMs;
        volatile String result;
        volatile String ctxDesc = "";
        // go mode
        volatile Context ctx;
        volatile Context.CancelCauseFunc control;
        // java mode
        volatile FutureTask<Void> task;
        volatile Instant ownDeadline;
        volatile String reason; // who canceled: user, deadline, parent, stop
        volatile Map<String, Object> javaValues = Map.of();
        final AtomicBoolean started = new AtomicBoolean();
        volatile java.util.function.BooleanSupplier afterFuncStop;

        Node(Spec spec, Node parent) {
            this.spec = spec;
            this.id = spec.id;
            this.parent = parent;
        }

        boolean running() {
            return state.equals("running");
        }
    }

    static final List<String> VALUE_KEYS = List.of("requestID", "user", "jobID", "traceID");
    static final ScopedValue<Map<String, Object>> VALUES = ScopedValue.newInstance();

    static final Map<String, Node> nodes = new java.util.concurrent.ConcurrentHashMap<>();
    static final List<Node> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    static final AtomicInteger pendingAfterFuncs = new AtomicInteger();
    static final AtomicInteger afterFuncsRun = new AtomicInteger();
    static final AtomicBoolean scopedValueNoted = new AtomicBoolean();
    static volatile String mode = "go";
    static final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "java-mode-timeouts");
        t.setDaemon(true);
        return t;
    });

    public static void main(String[] argv) throws Exception {
        var a = Json.args(argv);
        if (a.containsKey("selftest")) {
            System.exit(SelfTest.run());
            return;
        }
        try {
            String shape = choice(a, "shape", "fanout", List.of("fanout", "workers", "chain"));
            mode = choice(a, "mode", "go", List.of("go", "java"));
            long timeoutMs = num(a, "timeoutMs", 2000, 100, 30000);
            long workMs = num(a, "workMs", 1500, 10, 30000);
            int workers = (int) num(a, "workers", 4, 1, 16);
            Spec root = scenario(shape, timeoutMs, workMs, workers);
            int[] seq = {0};
            assignIds(root, seq);
            Json.event("start", "shape=" + shape + " mode=" + mode, Json.obj("shape", shape, "mode", mode,
                    "timeoutMs", timeoutMs, "workMs", workMs, "workers", workers, "nodes", seq[0]));
            if (mode.equals("java")) javaIntro();
            Thread runner = Thread.ofPlatform().name("scenario").start(() -> {
                if (mode.equals("go")) runGo(root, null, Context.background());
                else runJava(root, null, Map.of());
            });
            // read commands once every node of the tree exists, so ids are all known
            long waitUntil = System.nanoTime() + 3_000_000_000L;
            while (order.size() < seq[0] && System.nanoTime() < waitUntil) Thread.sleep(2);
            runner.join();
            startStdin();
            Thread ticker = Thread.ofPlatform().daemon(true).name("ticker").start(Main::tick);
            long t0 = System.nanoTime();
            joinAll();
            // every context is canceled by now (defer cancel), so AfterFuncs have fired or were stopped
            long until = System.nanoTime() + 2_000_000_000L;
            while (pendingAfterFuncs.get() > 0 && System.nanoTime() < until) Thread.sleep(10);
            ticker.interrupt();
            Map<String, Object> outcomes = new LinkedHashMap<>();
            int done = 0, canceled = 0, deadline = 0;
            List<Node> sorted = new ArrayList<>(order);
            sorted.sort(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.id.substring(1))));
            for (Node n : sorted) {
                outcomes.put(n.id, Json.obj("label", n.spec.label, "state", n.state, "err", n.err, "cause", n.cause));
                switch (n.state) {
                    case "done" -> done++;
                    case "canceled" -> canceled++;
                    case "deadline" -> deadline++;
                    default -> { }
                }
            }
            Json.done(Json.obj("shape", shape, "mode", mode, "elapsedMs", (System.nanoTime() - t0) / 1_000_000,
                    "nodes", order.size(), "done", done, "canceled", canceled, "deadline", deadline,
                    "afterFuncsRun", afterFuncsRun.get(), "outcomes", outcomes, "note", summaryNote()));
            System.exit(0);
        } catch (IllegalArgumentException e) {
            Json.error(e.getMessage());
            System.exit(2);
        } catch (Throwable e) {
            e.printStackTrace();
            Json.error("internal error: " + e);
            System.exit(1);
        }
    }

    static String summaryNote() {
        return mode.equals("go")
                ? "go mode: each node's Err says canceled vs deadline exceeded and Cause says why; cancellation flowed only downwards; WithoutCancel nodes ignored their parent's cancel."
                : "java mode: each task only saw an InterruptedException; the state/cause shown comes from the controller that called Future.cancel, not from the task; propagation to children happened only because each parent's finally canceled them by hand.";
    }

    static String choice(Map<String, String> a, String k, String def, List<String> ok) {
        String v = a.getOrDefault(k, def);
        if (!ok.contains(v)) throw new IllegalArgumentException("--" + k + " must be one of " + ok + ", got " + v);
        return v;
    }

    static long num(Map<String, String> a, String k, long def, long min, long max) {
        String v = a.get(k);
        if (v == null) return def;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new IllegalArgumentException("--" + k + " must be within " + min + ".." + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + " must be an integer, got " + v);
        }
    }

    static void assignIds(Spec s, int[] seq) {
        s.id = "n" + (++seq[0]);
        for (Spec c : s.children) assignIds(c, seq);
    }

    static Spec scenario(String shape, long t, long w, int workers) {
        return switch (shape) {
            case "fanout" -> new Spec("handler", "cancel", 0, 0, true, "handler ctx done → release request-scoped resources")
                    .value("requestID", "req-42").value("user", "alice")
                    .child(new Spec("db.Query", "timeout", t, w, true, "db ctx done → close the DB connection")
                            .child(new Spec("cache.Get", "cancel", 0, w * 3 / 4, true, null)))
                    .child(new Spec("audit.Write", "withoutCancel", 0, w + w / 2, false, null))
                    .child(new Spec("metrics.Push", "cancel", 0, Math.max(10, w / 2), false, null));
            case "workers" -> {
                Spec job = new Spec("job", "timeout", t, 0, true, "job ctx done → release the worker pool").value("jobID", "job-7");
                for (int i = 0; i < workers; i++) {
                    double f = workers == 1 ? 1.0 : 0.5 + (double) i / (workers - 1);
                    job.child(new Spec("worker-" + (i + 1), "cancel", 0, Math.max(10, Math.round(w * f)), true, null));
                }
                yield job;
            }
            case "chain" -> {
                long[] mult = {4, 2, 8, 1, 3};
                Spec top = null, cur = null;
                for (int i = 0; i < mult.length; i++) {
                    Spec s = new Spec("level-" + (i + 1), "timeout", t * mult[i], w, true,
                            i == mult.length - 1 ? "leaf ctx done → flush partial results" : null);
                    if (i == 0) s.value("traceID", "trace-9");
                    if (top == null) top = s;
                    else cur.child(s);
                    cur = s;
                }
                yield top;
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    // ------------------------------------------------------------------ node events

    static void emitNode(Node n) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ctx", n.ctxDesc);
        Long left = null;
        Instant d = mode.equals("go") ? (n.ctx == null ? null : n.ctx.deadline().orElse(null)) : n.ownDeadline;
        if (d != null) left = Math.max(0, Duration.between(Instant.now(), d).toMillis());
        f.put("deadlineLeftMs", left);
        Map<String, Object> vals = new LinkedHashMap<>();
        if (mode.equals("go")) {
            if (n.ctx != null) for (String k : VALUE_KEYS) {
                Object v = n.ctx.value(k);
                if (v != null) vals.put(k, v);
            }
        } else {
            vals.putAll(n.javaValues);
        }
        f.put("values", vals);
        f.put("workMs", n.spec.workMs);
        f.put("progressMs", n.progressMs);
        if (n.result != null) f.put("result", n.result);
        Json.emit(Json.obj("type", "node", "t", Json.t(), "id", n.id, "parent", n.parent == null ? null : n.parent.id,
                "label", n.spec.label, "state", n.state, "err", n.err, "cause", n.cause, "fields", f));
    }

    static synchronized boolean finish(Node n, String state, String err, String cause) {
        if (!n.running()) return false;
        n.err = err;
        n.cause = cause;
        n.state = state;
        emitNode(n);
        return true;
    }

    static Node register(Spec s, Node parent) {
        Node n = new Node(s, parent);
        if (parent != null) parent.children.add(n);
        nodes.put(n.id, n);
        order.add(n);
        return n;
    }

    static Thread start(String name, Runnable r) {
        Thread t = Thread.ofPlatform().name(name).unstarted(r);
        threads.add(t);
        t.start();
        return t;
    }

    static void joinAll() throws InterruptedException {
        while (true) {
            boolean any = false;
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.join();
                    any = true;
                }
            }
            if (!any) return;
        }
    }

    static void tick() {
        try {
            while (true) {
                Thread.sleep(500);
                for (Node n : order) if (n.running()) emitNode(n);
            }
        } catch (InterruptedException ignored) {
            // end
        }
    }

    // ------------------------------------------------------------------ go mode

    static Thread runGo(Spec s, Node parent, Context parentCtx) {
        Node n = register(s, parent);
        Context base = parentCtx;
        StringBuilder desc = new StringBuilder();
        if (s.kind.equals("withoutCancel")) {
            base = Context.withoutCancel(parentCtx);
            desc.append("WithoutCancel(parent) → ");
        }
        var ctl = Context.withCancelCause(base);
        n.control = ctl.cancel();
        Context ctx = ctl.ctx();
        desc.append("WithCancelCause");
        Context.CancelFunc timeoutCancel = null;
        if (s.kind.equals("timeout")) {
            var tr = Context.withTimeoutCause(ctx, Duration.ofMillis(s.timeoutMs),
                    Context.error(s.label + ": its " + s.timeoutMs + "ms timeout expired"));
            ctx = tr.ctx();
            timeoutCancel = tr.cancel();
            desc.append(" → WithTimeoutCause(").append(s.timeoutMs).append("ms)");
            if (parentCtx.deadline().isPresent() && parentCtx.deadline().get().isBefore(Instant.now().plusMillis(s.timeoutMs)))
                desc.append(" [parent's earlier deadline wins]");
        }
        for (var e : s.values.entrySet()) {
            ctx = Context.withValue(ctx, e.getKey(), e.getValue());
            desc.append(" → WithValue(").append(e.getKey()).append(")");
        }
        n.ctx = ctx;
        n.ctxDesc = desc.toString();
        final Context myCtx = ctx;
        if (s.afterFunc != null) {
            pendingAfterFuncs.incrementAndGet();
            var stop = Context.afterFunc(myCtx, () -> {
                afterFuncsRun.incrementAndGet();
                Json.event("afterfunc", s.afterFunc, Json.obj("node", n.id, "thread", Thread.currentThread().getName(),
                        "err", str(myCtx.err()), "cause", str(Context.cause(myCtx))));
                pendingAfterFuncs.decrementAndGet();
            });
            n.afterFuncStop = stop;
        }
        emitNode(n);
        final Context.CancelFunc tc = timeoutCancel;
        return start("go-" + n.id, () -> {
            List<Thread> joined = new ArrayList<>();
            try {
                for (Spec c : s.children) {
                    // go child(ctx): each child derives its own context and runs in its own thread
                    Thread t = runGo(c, n, myCtx);
                    if (c.joined) joined.add(t);
                }
                // the work: a select on ctx.Done() and a timer
                long t0 = System.nanoTime();
                while (n.progressMs < s.workMs) {
                    long left = s.workMs - n.progressMs;
                    if (myCtx.done().await(Duration.ofMillis(Math.min(50, left)))) break;
                    n.progressMs = Math.min(s.workMs, (System.nanoTime() - t0) / 1_000_000);
                }
                if (myCtx.err() == null) {
                    List<String> childErrs = new ArrayList<>();
                    for (Thread t : joined) t.join();
                    for (Spec c : s.children) {
                        Node cn = nodes.get(c.id);
                        if (c.joined && cn != null && cn.err != null) childErrs.add(cn.spec.label + ": " + cn.err);
                    }
                    if (!childErrs.isEmpty()) n.result = "returned error from " + String.join("; ", childErrs);
                }
                Throwable err = myCtx.err();
                if (err == null) finish(n, "done", null, null);
                else finish(n, err == Context.DEADLINE_EXCEEDED ? "deadline" : "canceled", err.getMessage(), str(Context.cause(myCtx)));
            } catch (InterruptedException e) {
                finish(n, "canceled", "interrupted", null);
            } finally {
                // defer cancel(): release this context and anything still derived from it
                n.control.accept(Context.error(s.label + " returned"));
                if (tc != null) tc.run();
            }
        });
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    // ------------------------------------------------------------------ java mode

    static void javaIntro() {
        contrast("Cancellation is cooperative in both: Go code must select on ctx.Done(); Java code must check Thread.interrupted() or call a blocking method that throws InterruptedException. Future.cancel(true) only sends an interrupt.", "same");
        contrast("No Err/Cause: an interrupted task sees only InterruptedException. Whether it was a user cancel, a timeout or the parent giving up is known only to the code that called cancel (shown here from the controller's bookkeeping).", "differs");
        contrast("No automatic propagation: a task submitted to an executor is not a child of anything. Here each parent's finally block cancels its child Futures by hand — what StructuredTaskScope does for you (still a preview API in JDK 25, so not used).", "differs");
        contrast("Detached by default: a task that nobody cancels simply keeps running — Go needs WithoutCancel for that, Java needs nothing (and must do extra work to get Go's default).", "differs");
        contrast("Values: ScopedValue (final in JDK 25) is the analogue of WithValue — immutable, lexically scoped, inherited by StructuredTaskScope forks but NOT by plain executor threads.", "partly");
        contrast("Deadlines don't compose: a child's timeout knows nothing about its parent's; the earlier one only wins because the parent's cancel cascades. Go's child reports the parent's deadline via Deadline().", "differs");
    }

    static void contrast(String msg, String verdict) {
        Json.event("contrast", msg, Json.obj("verdict", verdict));
    }

    static void runJava(Spec s, Node parent, Map<String, Object> inherited) {
        Node n = register(s, parent);
        Map<String, Object> vals = new LinkedHashMap<>(inherited);
        vals.putAll(s.values);
        StringBuilder desc = new StringBuilder("FutureTask on its own thread");
        if (s.kind.equals("withoutCancel")) desc.append(" (detached: parent's finally skips it)");
        if (s.kind.equals("timeout")) {
            n.ownDeadline = Instant.now().plusMillis(s.timeoutMs);
            desc.append(" + scheduled cancel(true) after ").append(s.timeoutMs).append("ms");
        }
        if (!vals.isEmpty()) desc.append(" + ScopedValue.where(VALUES, …)");
        n.ctxDesc = desc.toString();
        FutureTask<Void> task = new FutureTask<>(() -> {
            n.started.set(true);
            ScopedValue.where(VALUES, Map.copyOf(vals)).call(() -> {
                javaBody(n, s);
                return null;
            });
            return null;
        }) {
            @Override
            protected void done() {
                if (isCancelled() && !n.started.get()) javaFinish(n, "cancelled before it started");
            }
        };
        n.task = task;
        if (s.kind.equals("timeout")) {
            timers.schedule(() -> {
                if (n.running()) {
                    n.reason = n.reason == null ? "deadline" : n.reason;
                    Json.event("contrast", n.id + " (" + s.label + "): timeout → Future.cancel(true). The task will only see an interrupt, not 'deadline exceeded'.",
                            Json.obj("node", n.id, "verdict", "differs"));
                    task.cancel(true);
                }
            }, s.timeoutMs, TimeUnit.MILLISECONDS);
        }
        emitNode(n);
        start("java-" + n.id, task);
    }

    static void javaBody(Node n, Spec s) throws Exception {
        Map<String, Object> vals = VALUES.get();
        n.javaValues = vals;
        List<Node> kids = new ArrayList<>();
        try {
            if (n.parent != null && !s.children.isEmpty() && scopedValueNoted.compareAndSet(false, true)) {
                contrast("ScopedValue binding seen on " + n.id + " only because it was re-bound by hand: a new thread/executor task does not inherit it (StructuredTaskScope.fork would).", "differs");
            }
            for (Spec c : s.children) {
                runJava(c, n, vals); // captured and re-bound in the child's thread
                kids.add(nodes.get(c.id));
            }
            long t0 = System.nanoTime();
            while (n.progressMs < s.workMs) {
                Thread.sleep(Math.min(50, s.workMs - n.progressMs)); // throws InterruptedException when cancelled
                n.progressMs = Math.min(s.workMs, (System.nanoTime() - t0) / 1_000_000);
            }
            List<String> childErrs = new ArrayList<>();
            for (Node k : kids) {
                if (!k.spec.joined) continue;
                try {
                    k.task.get();
                } catch (java.util.concurrent.CancellationException e) {
                    childErrs.add(k.spec.label + ": CancellationException");
                } catch (java.util.concurrent.ExecutionException e) {
                    childErrs.add(k.spec.label + ": " + e.getCause());
                }
                if (!k.state.equals("done") && k.err != null && !childErrs.contains(k.spec.label + ": CancellationException"))
                    childErrs.add(k.spec.label + ": " + k.err);
            }
            if (!childErrs.isEmpty()) n.result = "returned error from " + String.join("; ", childErrs);
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("interrupted while joining");
            finish(n, "done", null, null);
        } catch (InterruptedException e) {
            javaFinish(n, "java.lang.InterruptedException");
        } finally {
            // manual structured concurrency: cancel every attached child still running
            for (Node k : kids) {
                if (k.spec.kind.equals("withoutCancel")) continue;
                if (k.running()) {
                    if (k.reason == null) k.reason = n.reason == null ? "parent returned" : "parent canceled (" + n.reason + ")";
                    k.task.cancel(true);
                }
            }
        }
    }

    static void javaFinish(Node n, String err) {
        String r = n.reason == null ? "unknown" : n.reason;
        String state = r.contains("deadline") ? "deadline" : "canceled";
        finish(n, state, err, "controller says: " + r + " (the task itself cannot tell)");
    }

    // ------------------------------------------------------------------ stdin commands

    static void startStdin() {
        Thread.ofPlatform().daemon(true).name("stdin").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    try {
                        command(line);
                    } catch (RuntimeException e) {
                        Json.event("warning", "command failed: " + e.getMessage(), Json.obj("line", line));
                    }
                }
            } catch (Exception e) {
                System.err.println("stdin closed: " + e);
            }
        });
    }

    static void command(String line) {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (IllegalArgumentException e) {
            Json.event("warning", "ignored a command that is not JSON: " + e.getMessage(), Json.obj("line", line));
            return;
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            Json.event("warning", "ignored a command that is not a JSON object", Json.obj("line", line));
            return;
        }
        Object cmd = m.get("cmd");
        switch (String.valueOf(cmd)) {
            case "cancel" -> {
                Object id = m.get("node");
                Node n = id == null ? null : nodes.get(String.valueOf(id));
                if (n == null) {
                    Json.event("warning", "cancel: unknown node " + id + " (known: " + nodes.keySet().stream().sorted().toList() + ")",
                            Json.obj("node", id));
                    return;
                }
                if (!n.running()) {
                    Json.event("warning", "cancel: node " + n.id + " already finished (" + n.state + "); cancel is a no-op, as in Go",
                            Json.obj("node", n.id));
                    return;
                }
                Json.event("cancel", "user cancels " + n.id + " (" + n.spec.label + ")", Json.obj("node", n.id));
                if (mode.equals("go")) n.control.accept(Context.error("canceled by user"));
                else {
                    n.reason = "user";
                    n.task.cancel(true);
                }
            }
            case "stop" -> {
                Json.event("stop", "user stops the run: every context is canceled", Json.obj());
                for (Node n : order) {
                    if (mode.equals("go")) n.control.accept(Context.error("stopped by user"));
                    else if (n.running()) {
                        n.reason = "stop";
                        n.task.cancel(true);
                    }
                }
            }
            default -> Json.event("warning", "unknown command " + cmd + " (this demo understands cancel, stop)", Json.obj("line", line));
        }
    }
}
