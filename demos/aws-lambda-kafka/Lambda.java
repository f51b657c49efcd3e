import demolib.Emit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Lambda's side: a function (one per consumer group) with its instances, and the event source mapping
 * that polls the broker and invokes it. An instance is created on demand, paying a cold start, kept warm
 * while busy and reaped once idle for longer than the idle timeout.
 */
final class Lambda {
    /** The handler's class files, read once from this program, defined afresh by every instance's loader. */
    static final Map<String, byte[]> HANDLER_CLASSES = handlerClasses();

    static Map<String, byte[]> handlerClasses() {
        Map<String, byte[]> bytes = new HashMap<>();
        ClassLoader parent = Lambda.class.getClassLoader();
        for (Class<?> c : PaymentHandler.class.getNestMembers()) {
            try (InputStream in = parent.getResourceAsStream(c.getName() + ".class")) {
                if (in == null) throw new IllegalStateException("no class file for " + c.getName());
                bytes.put(c.getName(), in.readAllBytes());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(bytes);
    }

    /** Child-first for the handler's classes, so each instance loads, verifies and initialises its own copy. */
    static final class InstanceLoader extends ClassLoader {
        InstanceLoader(String name, ClassLoader parent) {
            super(name, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] b = HANDLER_CLASSES.get(name);
                if (b == null) return super.loadClass(name, resolve);
                Class<?> c = findLoadedClass(name);
                if (c == null) c = defineClass(name, b, 0, b.length);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }

    enum State { Init, Busy, Idle, Reaped }

    static final class Instance {
        final String id;
        final Function<String, String> handler;
        final double initMs;
        volatile State state = State.Init;
        volatile String partition = "";
        volatile long lastUsedMs;
        int calls;
        volatile boolean changed = true;

        Instance(String id, Function<String, String> handler, double initMs) {
            this.id = id;
            this.handler = handler;
            this.initMs = initMs;
        }

        void set(State s, String where) {
            state = s;
            if (where != null) partition = where;
            changed = true;
        }
    }

    /** One function and the instances it runs, for one consumer group. */
    static final class LambdaFunction {
        final String group;
        private final ArrayDeque<Instance> idle = new ArrayDeque<>();
        final List<Instance> all = new CopyOnWriteArrayList<>();
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger maxBusy = new AtomicInteger();
        /** The most instances busy at once since the last sample: a sample of {@code busy} alone misses short peaks. */
        final AtomicInteger tickBusy = new AtomicInteger();
        final List<Double> coldStartMs = new CopyOnWriteArrayList<>();
        final List<Double> warmCallUs = new CopyOnWriteArrayList<>();
        final Set<Long> processed = ConcurrentHashMap.newKeySet();
        final AtomicInteger deliveries = new AtomicInteger();
        private int created;
        final ColdStarts onColdStart;

        interface ColdStarts {
            void coldStart(String group, Instance instance, double coldMs, double initMs, double firstCallMs);
        }

        LambdaFunction(String group, ColdStarts onColdStart) {
            this.group = group;
            this.onColdStart = onColdStart;
        }

        /** A warm idle instance if there is one (the most recently used: the others may idle out), else a new one. */
        Instance acquire(String where, long nowMs) {
            Instance i;
            synchronized (this) {
                i = idle.pollLast();
            }
            if (i == null) i = coldStart();
            int b = busy.incrementAndGet();
            maxBusy.accumulateAndGet(b, Math::max);
            tickBusy.accumulateAndGet(b, Math::max);
            i.set(State.Busy, where);
            i.lastUsedMs = nowMs;
            return i;
        }

        void release(Instance i, long nowMs) {
            busy.decrementAndGet();
            i.lastUsedMs = nowMs;
            i.set(State.Idle, null);
            synchronized (this) {
                idle.addLast(i);
            }
        }

        /** Instances idle longer than the timeout are frozen and then reclaimed: their loader goes with them. */
        List<Instance> reap(long nowMs, long idleTimeoutMs) {
            List<Instance> gone = new ArrayList<>();
            synchronized (this) {
                idle.removeIf(i -> {
                    if (nowMs - i.lastUsedMs < idleTimeoutMs) return false;
                    gone.add(i);
                    return true;
                });
            }
            for (Instance i : gone) i.set(State.Reaped, null);
            return gone;
        }

        private Instance coldStart() {
            String id;
            synchronized (this) {
                id = group + "-" + (++created);
            }
            Emit.state("instances", id, State.Init.name());
            long t0 = System.nanoTime();
            Function<String, String> handler;
            try {
                Class<?> c = Class.forName("PaymentHandler", true, new InstanceLoader(id, Lambda.class.getClassLoader()));
                @SuppressWarnings("unchecked")
                Function<String, String> h = (Function<String, String>) c.getDeclaredConstructor().newInstance();
                handler = h;
            }
            catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the handler did not load", e);
            }
            double initMs = (System.nanoTime() - t0) / 1e6;
            Instance i = new Instance(id, handler, initMs);
            all.add(i);
            return i;
        }

        /** One invocation: the handler on each message, then the downstream call's wait. */
        void invoke(Instance i, List<Broker.Message> batch, int workMsPerRecord) {
            for (Broker.Message m : batch) {
                long t0 = System.nanoTime();
                i.handler.apply(m.value());
                double us = (System.nanoTime() - t0) / 1e3;
                if (i.calls++ == 0) {
                    coldStartMs.add(i.initMs + us / 1000);
                    onColdStart.coldStart(group, i, i.initMs + us / 1000, i.initMs, us / 1000);
                }
                else if (warmCallUs.size() < 5000) {
                    warmCallUs.add(us);
                }
                deliveries.incrementAndGet();
                processed.add(m.order());
            }
            // the payment API the function calls: I/O, so the instance waits without using the processor
            if (workMsPerRecord > 0) sleep((long) workMsPerRecord * batch.size());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) return 0;
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }
}
