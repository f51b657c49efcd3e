import demolib.Args;
import demolib.Commands;
import demolib.Emit;
import demolib.Json;
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

    public static void main(String[] argv) {
        Args.run(argv, a -> {
            if (a.has("selftest")) System.exit(SelfTest.run());
            run(a);
        });
    }

    static void run(Args a) throws Exception {
        String shape = a.choiceArg("shape", "fanout", "workers", "chain");
        mode = a.choiceArg("mode", "go", "java");
        long timeoutMs = a.intArg("timeoutMs", 100, 30000);
        long workMs = a.intArg("workMs", 10, 30000);
        int workers = a.intArg("workers", 1, 16);
        Spec root = scenario(shape, timeoutMs, workMs, workers);
        int[] seq = {0};
        assignIds(root, seq);
        Emit.event("start", Json.obj("shape", shape, "mode", mode, "timeoutMs", timeoutMs, "workMs", workMs,
                "workers", workers, "nodes", seq[0]));
        if (mode.equals("java")) javaIntro();
        Thread runner = Thread.ofPlatform().name("scenario").start(() -> {
            if (mode.equals("go")) runGo(root, null, Context.background());
            else runJava(root, null, Map.of());
        });
        // read commands once every node of the tree exists, so ids are all known
        long waitUntil = System.nanoTime() + 3_000_000_000L;
        while (order.size() < seq[0] && System.nanoTime() < waitUntil) Thread.sleep(2);
        runner.join();
        Commands.listen(Main::command);
        Thread ticker = Thread.ofPlatform().daemon(true).name("ticker").start(Main::tick);
        long t0 = System.nanoTime();
        joinAll();
        // every context is canceled by now (defer cancel), so AfterFuncs have fired or were stopped
        long until = System.nanoTime() + 2_000_000_000L;
        while (pendingAfterFuncs.get() > 0 && System.nanoTime() < until) Thread.sleep(10);
        ticker.interrupt();
        int done = 0, canceled = 0, deadline = 0;
        for (Node n : order) {
            switch (n.state) {
                case "done" -> done++;
                case "canceled" -> canceled++;
                case "deadline" -> deadline++;
                default -> { }
            }
        }
        // each node's outcome is its last node line; the summary holds the counts the panel tabulates
        Emit.done(Json.obj("shape", shape, "mode", mode, "elapsedMs", (System.nanoTime() - t0) / 1_000_000,
                "nodes", order.size(), "done", done, "canceled", canceled, "deadline", deadline,
                "afterFuncsRun", afterFuncsRun.get()));
    }

    static void assignIds(Spec s, int[] seq) {
        s.id = "n" + (++seq[0]);
        for (Spec c : s.children) assignIds(c, seq);
    }

    static Spec scenario(String shape, long t, long w, int workers) {
        return switch (shape) {
            case "fanout" -> new Spec("handler", "cancel", 0, 0, true, "release-request-resources")
                    .value("requestID", "req-42").value("user", "alice")
                    .child(new Spec("db.Query", "timeout", t, w, true, "close-db-connection")
                            .child(new Spec("cache.Get", "cancel", 0, w * 3 / 4, true, null)))
                    .child(new Spec("audit.Write", "withoutCancel", 0, w + w / 2, false, null))
                    .child(new Spec("metrics.Push", "cancel", 0, Math.max(10, w / 2), false, null));
            case "workers" -> {
                Spec job = new Spec("job", "timeout", t, 0, true, "release-worker-pool").value("jobID", "job-7");
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
                            i == mult.length - 1 ? "flush-partial-results" : null);
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
        Emit.node(n.id, n.parent == null ? null : n.parent.id, n.spec.label, n.state,
                Json.obj("err", n.err, "cause", n.cause, "fields", f));
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
                desc.append(" ≥ parent.Deadline()");
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
                Emit.event("afterfunc", Json.obj("node", n.id, "action", s.afterFunc, "thread", Thread.currentThread().getName(),
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

    /** Where Java's own tools match Go's context and where not: each point is a term demo.yml words. */
    static void javaIntro() {
        contrast("cooperative", "same");
        contrast("no-err-cause", "differs");
        contrast("no-propagation", "differs");
        contrast("detached-by-default", "differs");
        contrast("scoped-value", "partly");
        contrast("deadlines-dont-compose", "differs");
    }

    static void contrast(String point, String verdict) {
        Emit.event("contrast", Json.obj("point", point, "verdict", verdict));
    }

    static void runJava(Spec s, Node parent, Map<String, Object> inherited) {
        Node n = register(s, parent);
        Map<String, Object> vals = new LinkedHashMap<>(inherited);
        vals.putAll(s.values);
        StringBuilder desc = new StringBuilder("new Thread(FutureTask)");
        if (s.kind.equals("withoutCancel")) desc.append(" [no parent cancel]");
        if (s.kind.equals("timeout")) {
            n.ownDeadline = Instant.now().plusMillis(s.timeoutMs);
            desc.append(" + schedule(cancel(true), ").append(s.timeoutMs).append("ms)");
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
                if (isCancelled() && !n.started.get()) javaFinish(n, "canceled before it started");
            }
        };
        n.task = task;
        if (s.kind.equals("timeout")) {
            timers.schedule(() -> {
                if (n.running()) {
                    n.reason = n.reason == null ? "deadline" : n.reason;
                    Emit.event("contrast", Json.obj("point", "timeout-interrupts", "verdict", "differs", "node", n.id,
                            "label", s.label));
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
                Emit.event("contrast", Json.obj("point", "scoped-value-rebound", "verdict", "differs", "node", n.id));
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
                    if (k.reason == null) k.reason = n.reason == null ? "parent-returned"
                            : n.reason.contains("deadline") ? "parent-deadline" : "parent-canceled";
                    k.task.cancel(true);
                }
            }
        }
    }

    static void javaFinish(Node n, String err) {
        String r = n.reason == null ? "unknown" : n.reason;
        String state = r.contains("deadline") ? "deadline" : "canceled";
        // a term demo.yml words: the controller's bookkeeping, which the task itself cannot see
        finish(n, state, err, "controller-" + r);
    }

    // ------------------------------------------------------------------ stdin commands

    /** A command from the panel; one that cannot apply becomes a warning (Commands says so on stdout). */
    static void command(Map<String, Object> m) {
        Object cmd = m.get("cmd");
        switch (String.valueOf(cmd)) {
            case "cancel" -> {
                Object id = m.get("node");
                Node n = id == null ? null : nodes.get(String.valueOf(id));
                if (n == null) {
                    throw new IllegalArgumentException("cancel: unknown node " + id + " (known: "
                            + nodes.keySet().stream().sorted().toList() + ")");
                }
                if (!n.running()) {
                    Emit.event("cancelNoOp", Json.obj("node", n.id, "label", n.spec.label, "state", n.state));
                    return;
                }
                Emit.event("cancel", Json.obj("node", n.id, "label", n.spec.label));
                if (mode.equals("go")) n.control.accept(Context.error("canceled by user"));
                else {
                    n.reason = "user";
                    n.task.cancel(true);
                }
            }
            case "stop" -> {
                Emit.event("stop", Map.of());
                for (Node n : order) {
                    if (mode.equals("go")) n.control.accept(Context.error("stopped by user"));
                    else if (n.running()) {
                        n.reason = "stop";
                        n.task.cancel(true);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + cmd + " (this demo understands cancel, stop)");
        }
    }
}
