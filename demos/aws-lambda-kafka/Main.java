import demolib.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A queue against a partitioned log, consumed the way Lambda's event source mappings consume them:
 * orders from a producer, a function per consumer group (payments, and optionally analytics), pollers
 * that invoke it, instances that start cold and are reaped when idle.
 */
public class Main {
    static volatile boolean stopped;
    static volatile boolean producing = true;
    static final long JVM_START_MS = Emit.t();

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    static void run(Args a) {
        String mode = a.choiceArg("mode", "queue", "log");
        int partitions = a.intArg("partitions", 1, 8);
        int rate = a.intArg("rate", 5, 400);
        int durationSec = a.intArg("durationSec", 2, 60);
        double skew = a.decimalArg("keySkew", 0, 1);
        String analytics = a.choiceArg("analytics", "none", "start", "late");
        int batchSize = a.intArg("batchSize", 1, 100);
        int workMs = a.intArg("workMs", 0, 100);
        int idleTimeoutMs = a.intArg("idleTimeoutMs", 200, 30000);
        int visibilityMs = a.intArg("visibilityTimeoutMs", 100, 30000);
        int maxConcurrency = a.intArg("maxConcurrency", 1, 20);
        long seed = a.longArg("seed", 0, 1_000_000);
        Commands.listen(cmd -> {
            if (!"stop".equals(cmd.get("cmd"))) throw new IllegalArgumentException("unknown command " + cmd.get("cmd"));
            producing = false;
        });

        boolean log = mode.equals("log");
        Broker.Log topic = log ? new Broker.Log(partitions) : null;
        Broker.Queue queue = log ? null : new Broker.Queue(visibilityMs);
        int limit = log ? partitions : maxConcurrency;
        Map<String, Lambda.LambdaFunction> functions = new LinkedHashMap<>();
        List<Thread> pollers = new ArrayList<>();
        Lambda.LambdaFunction.ColdStarts coldStarts = (group, i, coldMs, initMs, firstCallMs) -> Emit.event("coldStart",
                Json.obj("group", group, "instance", i.id, "coldMs", coldMs, "initMs", initMs, "firstCallMs", firstCallMs));
        Runnable startPayments = () -> startGroup("payments", functions, pollers, coldStarts, topic, queue, partitions,
                maxConcurrency, batchSize, workMs);
        Emit.event("started", Json.obj("mode", mode, "partitions", partitions, "limit", limit, "jvmStartMs", JVM_START_MS));
        startPayments.run();
        if (analytics.equals("start")) startGroup("analytics", functions, pollers, coldStarts, topic, queue, partitions,
                maxConcurrency, batchSize, workMs);

        // the producer: orders at a steady rate; a share of them from one hot customer (a hot key)
        long[] produced = {0};
        Thread producer = Thread.ofVirtual().name("producer").start(() -> {
            var random = new SplittableRandom(seed);
            String[] currencies = {"KRW", "KRW", "USD", "EUR"};
            long periodNs = 1_000_000_000L / rate;
            long start = System.nanoTime(), next = start;
            while (producing && System.nanoTime() - start < durationSec * 1_000_000_000L) {
                long order = produced[0] + 1;
                String key = random.nextDouble() < skew ? "hot-customer" : "c-" + random.nextInt(500);
                String currency = currencies[random.nextInt(currencies.length)];
                String amount = (currency.equals("KRW") ? 1000 + random.nextInt(3_000_000) : 1 + random.nextInt(2000)) + "." + (10 + random.nextInt(90));
                var m = new Broker.Message(order, key, "order=" + order + ";customer=" + key + ";amount=" + amount + ";currency=" + currency, Emit.t());
                if (topic != null) topic.append(m);
                else queue.send(m);
                synchronized (produced) {
                    produced[0] = order;
                }
                next += periodNs;
                long wait = next - System.nanoTime();
                if (wait > 0) Lambda.sleep(wait / 1_000_000);
            }
            producing = false;
        });

        long startMs = Emit.t();
        long lateAtMs = startMs + durationSec * 500L;
        long maxLag = 0;
        int tick = 0;
        Map<String, String> sentStates = new HashMap<>();
        Map<String, Long> sentLag = new HashMap<>();
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            Lambda.sleep(250);
            long now = Emit.t();
            tick++;
            if (analytics.equals("late") && !functions.containsKey("analytics") && now >= lateAtMs) {
                startGroup("analytics", functions, pollers, coldStarts, topic, queue, partitions, maxConcurrency, batchSize, workMs);
                Emit.event("groupJoined", Json.obj("group", "analytics", "fromOffset", 0));
            }
            for (var f : functions.values()) {
                for (Lambda.Instance gone : f.reap(now, idleTimeoutMs)) {
                    Emit.event("reaped", Json.obj("group", f.group, "instance", gone.id, "calls", gone.calls));
                }
            }
            var values = new LinkedHashMap<String, Object>();
            long totalLag = 0;
            for (var f : functions.values()) {
                long lag = topic != null ? topic.lag(f.group) : queue.depth();
                totalLag = Math.max(totalLag, lag);
                values.put("lag_" + f.group, lag);
                values.put("conc_" + f.group, f.tickBusy.getAndSet(f.busy.get()));
            }
            values.put("limit", limit);
            maxLag = Math.max(maxLag, totalLag);
            Emit.metric(values);
            emitTree(functions, topic, partitions, sentStates, sentLag);
            long producedNow;
            synchronized (produced) {
                producedNow = produced[0];
            }
            if (tick % 2 == 0) emitRows(functions, producedNow, limit);
            if (!producing && drainDeadline == Long.MAX_VALUE) drainDeadline = now + 20_000;
            boolean lateGroupPending = analytics.equals("late") && !functions.containsKey("analytics");
            if (!producing && !lateGroupPending && (totalLag == 0 || now > drainDeadline)) break;
        }
        stopped = true;
        for (Thread t : pollers) {
            try {
                t.join(2000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long total = produced[0];
        emitRows(functions, total, limit);
        List<Double> cold = new ArrayList<>(), warm = new ArrayList<>();
        int maxConc = 0;
        for (var f : functions.values()) {
            cold.addAll(f.coldStartMs);
            warm.addAll(f.warmCallUs);
            maxConc = Math.max(maxConc, f.maxBusy.get());
        }
        double coldMedian = Lambda.median(cold), warmMedianUs = Lambda.median(warm);
        var payments = functions.get("payments");
        var analyticsFn = functions.get("analytics");
        Emit.done(Json.obj("mode", mode, "partitions", partitions, "produced", total,
                "paymentsSharePct", share(payments, total), "analyticsSharePct", analyticsFn == null ? 0.0 : share(analyticsFn, total),
                "duplicates", functions.values().stream().mapToInt(f -> f.deliveries.get() - f.processed.size()).sum(),
                "maxConcurrency", maxConc, "concurrencyLimit", limit, "concurrencyOverPartitions", Math.max(0, maxConc - partitions),
                "coldStarts", cold.size(), "firstColdStartMs", cold.isEmpty() ? 0.0 : cold.getFirst(),
                "coldStartMedianMs", coldMedian, "warmCallMedianUs", warmMedianUs,
                "coldOverWarm", warmMedianUs == 0 ? 0.0 : Math.round(coldMedian * 1000 / warmMedianUs),
                "maxLag", maxLag, "redeliveries", queue == null ? 0 : queue.redeliveries,
                "deadLettered", queue == null ? 0 : queue.deadLettered, "jvmStartMs", JVM_START_MS,
                "drained", maxLagNow(functions, topic, queue) == 0));
        System.exit(0);
    }

    static long maxLagNow(Map<String, Lambda.LambdaFunction> functions, Broker.Log topic, Broker.Queue queue) {
        long lag = 0;
        for (var f : functions.values()) lag = Math.max(lag, topic != null ? topic.lag(f.group) : queue.depth());
        return lag;
    }

    static double share(Lambda.LambdaFunction f, long total) {
        return total == 0 ? 0 : Math.round(1000.0 * f.processed.size() / total) / 10.0;
    }

    /**
     * The event source mapping of one group. On the log: one poller per partition, reading it in order and
     * committing after each successful invocation, so at most one invocation per partition runs at a time.
     * On the queue: {@code maxConcurrency} pollers receiving, invoking and deleting.
     */
    static void startGroup(String group, Map<String, Lambda.LambdaFunction> functions, List<Thread> pollers,
            Lambda.LambdaFunction.ColdStarts coldStarts, Broker.Log topic, Broker.Queue queue, int partitions,
            int maxConcurrency, int batchSize, int workMs) {
        var f = new Lambda.LambdaFunction(group, coldStarts);
        functions.put(group, f);
        Emit.node("esm-" + group, null, group, "enabled", Json.obj("fields", Json.obj("group", group)));
        if (topic != null) {
            topic.join(group);
            for (int p = 0; p < partitions; p++) {
                final int partition = p;
                pollers.add(Thread.ofVirtual().name(group + "-p" + p).start(() -> {
                    while (!stopped) {
                        List<Broker.Message> batch = topic.read(group, partition, batchSize);
                        if (batch.isEmpty()) {
                            Lambda.sleep(25);
                            continue;
                        }
                        Lambda.Instance i = f.acquire("p" + partition, Emit.t());
                        f.invoke(i, batch, workMs);
                        topic.commit(group, partition, topic.committed(group, partition) + batch.size());
                        f.release(i, Emit.t());
                    }
                }));
            }
        }
        else {
            for (int p = 0; p < maxConcurrency; p++) {
                pollers.add(Thread.ofVirtual().name(group + "-poller-" + p).start(() -> {
                    while (!stopped) {
                        var got = queue.receive(batchSize, Emit.t());
                        if (got.isEmpty()) {
                            Lambda.sleep(25);
                            continue;
                        }
                        Lambda.Instance i = f.acquire("queue", Emit.t());
                        f.invoke(i, got.stream().map(Broker.Queue.Received::message).toList(), workMs);
                        for (var r : got) queue.delete(r.message().order(), r.receipt());
                        f.release(i, Emit.t());
                    }
                }));
            }
        }
    }

    /** Mapping → partition (or the queue) → the instances that last ran there; only what changed is sent. */
    static void emitTree(Map<String, Lambda.LambdaFunction> functions, Broker.Log topic, int partitions,
            Map<String, String> sentStates, Map<String, Long> sentLag) {
        for (var f : functions.values()) {
            List<String> sources = new ArrayList<>();
            if (topic != null) for (int p = 0; p < partitions; p++) sources.add("p" + p);
            else sources.add("queue");
            for (String s : sources) {
                String id = "esm-" + f.group + "-" + s;
                long lag = topic != null ? topic.lag(f.group, Integer.parseInt(s.substring(1))) : -1;
                if (!sentLag.containsKey(id) || sentLag.get(id) != lag) {
                    sentLag.put(id, lag);
                    var fields = topic != null
                            ? Json.obj("committed", topic.committed(f.group, Integer.parseInt(s.substring(1))),
                                    "endOffset", topic.endOffset(Integer.parseInt(s.substring(1))), "lag", lag)
                            : Json.obj();
                    Emit.node(id, "esm-" + f.group, topic != null ? "partition-" + s.substring(1) : "queue",
                            "polling", Json.obj("fields", fields));
                }
            }
            for (Lambda.Instance i : f.all) {
                if (!i.changed) continue;
                i.changed = false;
                String state = i.state.name();
                if (state.equals(sentStates.get(i.id)) && i.state != Lambda.State.Busy) continue;
                sentStates.put(i.id, state);
                Emit.node(i.id, "esm-" + f.group + "-" + (i.partition.isEmpty() ? sources.getFirst() : i.partition),
                        i.id, state, Json.obj("fields", Json.obj("calls", i.calls, "initMs", i.initMs)));
                Emit.state("instances", i.id, state);
            }
        }
    }

    static void emitRows(Map<String, Lambda.LambdaFunction> functions, long produced, int limit) {
        for (var f : functions.values()) {
            Emit.row("groups", f.group, Json.obj("group", f.group, "received", f.deliveries.get(),
                    "unique", f.processed.size(), "sharePct", share(f, produced),
                    "duplicates", f.deliveries.get() - f.processed.size(), "coldStarts", f.coldStartMs.size(),
                    "coldStartMs", Lambda.median(f.coldStartMs), "warmCallUs", Lambda.median(f.warmCallUs),
                    "maxConcurrency", f.maxBusy.get(), "limit", limit));
        }
    }
}
