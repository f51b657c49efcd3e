import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A port of Go's {@code context} package (Go 1.21+ semantics) to plain Java.
 *
 * <p>Mapping: {@code Deadline() (time.Time, bool)} → {@link #deadline()} (empty = no deadline);
 * {@code Done() <-chan struct{}} → {@link #done()} (a one-shot signal; Go returns a nil channel for
 * contexts that can never be canceled, here that is {@link Done#NEVER}, which never closes);
 * {@code Err() error} → {@link #err()} (null while not done, then {@link #CANCELED} or
 * {@link #DEADLINE_EXCEEDED}, set once); {@code Value(key any) any} → {@link #value(Object)}.
 * Goroutines become threads: the deadline timer and AfterFunc callbacks run on their own threads.
 * The implementation follows Go's src/context/context.go closely (cancelCtx, timerCtx, valueCtx,
 * withoutCancelCtx, afterFuncCtx, propagateCancel, parentCancelCtx, Cause).
 */
public interface Context {

    Optional<Instant> deadline();

    Done done();

    Throwable err();

    Object value(Object key);

    // ------------------------------------------------------------------ errors

    /** Go's error values. {@code DEADLINE_EXCEEDED.isTimeout()} is true, like Go's Timeout(). */
    final class Error extends Exception {
        private final boolean timeout;

        public Error(String msg, boolean timeout) {
            super(msg, null, false, false);
            this.timeout = timeout;
        }

        public boolean isTimeout() {
            return timeout;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Go's {@code context.Canceled}. */
    Error CANCELED = new Error("context canceled", false);
    /** Go's {@code context.DeadlineExceeded}. */
    Error DEADLINE_EXCEEDED = new Error("context deadline exceeded", true);

    /** A plain error with a message, for causes (Go's errors.New). */
    static Throwable error(String msg) {
        return new Error(msg, false);
    }

    // ------------------------------------------------------------------ Done

    /** The Done channel: closed exactly once, can be awaited, and can notify listeners. */
    final class Done {
        public static final Done NEVER = new Done();
        private final CountDownLatch latch = new CountDownLatch(1);

        public boolean isClosed() {
            return latch.getCount() == 0;
        }

        public void await() throws InterruptedException {
            latch.await();
        }

        /** Waits up to the given time; true if closed. Like a select with a time.After case. */
        public boolean await(Duration d) throws InterruptedException {
            return latch.await(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS);
        }

        void close() {
            if (this == NEVER) throw new IllegalStateException("NEVER cannot close");
            latch.countDown();
        }
    }

    // ------------------------------------------------------------------ functions

    /** {@code func()} — cancels, idempotent, safe from any thread. */
    @FunctionalInterface
    interface CancelFunc extends Runnable {}

    /** {@code func(cause error)} — cancels with a cause; later calls do nothing. */
    @FunctionalInterface
    interface CancelCauseFunc extends Consumer<Throwable> {}

    record WithCancelResult(Context ctx, CancelFunc cancel) {}

    record WithCancelCauseResult(Context ctx, CancelCauseFunc cancel) {}

    static Context background() {
        return Impl.BACKGROUND;
    }

    static Context todo() {
        return Impl.TODO;
    }

    static WithCancelResult withCancel(Context parent) {
        var c = Impl.withCancel(parent);
        return new WithCancelResult(c, () -> c.cancel(true, CANCELED, null));
    }

    static WithCancelCauseResult withCancelCause(Context parent) {
        var c = Impl.withCancel(parent);
        return new WithCancelCauseResult(c, cause -> c.cancel(true, CANCELED, cause));
    }

    static WithCancelResult withDeadline(Context parent, Instant d) {
        return withDeadlineCause(parent, d, null);
    }

    static WithCancelResult withDeadlineCause(Context parent, Instant d, Throwable cause) {
        return Impl.withDeadlineCause(parent, d, cause);
    }

    static WithCancelResult withTimeout(Context parent, Duration timeout) {
        return withDeadline(parent, Instant.now().plus(timeout));
    }

    static WithCancelResult withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        return withDeadlineCause(parent, Instant.now().plus(timeout), cause);
    }

    /** Go panics on a nil key; here a null key throws IllegalArgumentException. */
    static Context withValue(Context parent, Object key, Object val) {
        Objects.requireNonNull(parent, "cannot create context from nil parent");
        if (key == null) throw new IllegalArgumentException("nil key");
        return new Impl.ValueCtx(parent, key, val);
    }

    /** Not canceled when parent is; no Deadline, no Err; Values still visible. */
    static Context withoutCancel(Context parent) {
        Objects.requireNonNull(parent, "cannot create context from nil parent");
        return new Impl.WithoutCancelCtx(parent);
    }

    /**
     * Runs f in its own thread once ctx is done (immediately if already done). The returned stop
     * function returns true if it prevented f from running, false if f already started or was
     * already stopped; it does not wait for f.
     */
    static BooleanSupplier afterFunc(Context ctx, Runnable f) {
        var a = new Impl.AfterFuncCtx(f);
        a.propagateCancel(ctx, a);
        return () -> {
            boolean stopped = a.once.compareAndSet(false, true);
            if (stopped) a.cancel(true, CANCELED, null);
            return stopped;
        };
    }

    /**
     * Why c was canceled: the cause passed to a CancelCauseFunc or *Cause constructor, else Err.
     * Null while c is not canceled. For a WithoutCancel context it is null (its Err is null).
     */
    static Throwable cause(Context c) {
        Object v = c.value(Impl.CANCEL_CTX_KEY);
        if (v instanceof Impl.CancelCtx cc) {
            synchronized (cc) {
                return cc.cause;
            }
        }
        return c.err();
    }

    // ------------------------------------------------------------------ implementation

    final class Impl {
        private Impl() {}

        static final Object CANCEL_CTX_KEY = new Object() {
            public String toString() { return "cancelCtxKey"; }
        };
        static final AtomicLong THREADS = new AtomicLong();
        static final ScheduledExecutorService TIMERS;

        static {
            var ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "context-timer");
                t.setDaemon(true);
                return t;
            });
            ex.setRemoveOnCancelPolicy(true);
            TIMERS = ex;
        }

        static final Context BACKGROUND = new EmptyCtx("context.Background");
        static final Context TODO = new EmptyCtx("context.TODO");

        interface Canceler {
            void cancel(boolean removeFromParent, Throwable err, Throwable cause);

            Done done();
        }

        record EmptyCtx(String name) implements Context {
            public Optional<Instant> deadline() { return Optional.empty(); }
            public Done done() { return Done.NEVER; }
            public Throwable err() { return null; }
            public Object value(Object key) { return null; }
            public String toString() { return name; }
        }

        static CancelCtx withCancel(Context parent) {
            Objects.requireNonNull(parent, "cannot create context from nil parent");
            var c = new CancelCtx();
            c.propagateCancel(parent, c);
            return c;
        }

        static WithCancelResult withDeadlineCause(Context parent, Instant d, Throwable cause) {
            Objects.requireNonNull(parent, "cannot create context from nil parent");
            var cur = parent.deadline();
            if (cur.isPresent() && cur.get().isBefore(d)) {
                // The current deadline is already sooner than the new one.
                return Context.withCancel(parent);
            }
            var c = new TimerCtx(d);
            c.propagateCancel(parent, c);
            long nanos = Duration.between(Instant.now(), d).toNanos();
            if (nanos <= 0) {
                c.cancel(true, DEADLINE_EXCEEDED, cause); // deadline has already passed
                return new WithCancelResult(c, () -> c.cancel(false, CANCELED, null));
            }
            synchronized (c) {
                if (c.err == null) {
                    c.timer = TIMERS.schedule(() -> c.cancel(true, DEADLINE_EXCEEDED, cause), nanos, TimeUnit.NANOSECONDS);
                }
            }
            return new WithCancelResult(c, () -> c.cancel(true, CANCELED, null));
        }

        /** Go's value(): walks the chain; cancelCtxKey finds the nearest cancelCtx. */
        static Object value(Context c, Object key) {
            while (true) {
                switch (c) {
                    case ValueCtx v -> {
                        if (key.equals(v.key)) return v.val;
                        c = v.parent;
                    }
                    case CancelCtx cc -> {
                        if (key == CANCEL_CTX_KEY) return cc;
                        c = cc.parent;
                    }
                    case WithoutCancelCtx w -> {
                        if (key == CANCEL_CTX_KEY) return null; // Cause(ctx) == nil for WithoutCancel
                        c = w.parent;
                    }
                    case EmptyCtx e -> {
                        return null;
                    }
                    default -> {
                        return c.value(key);
                    }
                }
            }
        }

        /** Go's parentCancelCtx: the underlying cancelCtx if parent's Done is that cancelCtx's. */
        static CancelCtx parentCancelCtx(Context parent) {
            Done d = parent.done();
            if (d == Done.NEVER || d.isClosed()) return null;
            if (!(parent.value(CANCEL_CTX_KEY) instanceof CancelCtx p)) return null;
            if (p.done != d) return null;
            return p;
        }

        static void removeChild(Context parent, Canceler child) {
            CancelCtx p = parentCancelCtx(parent);
            if (p == null) return;
            synchronized (p) {
                if (p.children != null) p.children.remove(child);
            }
        }

        static class CancelCtx implements Context, Canceler {
            Context parent;
            final Done done = new Done();
            Set<Canceler> children;
            Throwable err;
            Throwable cause;

            public Optional<Instant> deadline() { return parent.deadline(); }
            public Done done() { return done; }
            public synchronized Throwable err() { return err; }
            public Object value(Object key) {
                if (key == CANCEL_CTX_KEY) return this;
                return Impl.value(parent, key);
            }

            /** Go's propagateCancel: arrange for child to be canceled when parent is. */
            void propagateCancel(Context parent, Canceler child) {
                this.parent = parent;
                Done pd = parent.done();
                if (pd == Done.NEVER) return; // parent is never canceled
                if (pd.isClosed()) {
                    // parent is already canceled
                    child.cancel(false, parent.err(), Context.cause(parent));
                    return;
                }
                CancelCtx p = parentCancelCtx(parent);
                if (p != null) {
                    synchronized (p) {
                        if (p.err != null) {
                            child.cancel(false, p.err, p.cause);
                        } else {
                            if (p.children == null) p.children = new LinkedHashSet<>();
                            p.children.add(child);
                        }
                    }
                    return;
                }
                // A foreign Context implementation: watch it from another thread (Go: a goroutine).
                Thread.ofVirtual().name("context-watch").start(() -> {
                    try {
                        while (true) {
                            if (pd.await(Duration.ofMillis(50))) {
                                child.cancel(false, parent.err(), Context.cause(parent));
                                return;
                            }
                            if (child.done().isClosed()) return;
                        }
                    } catch (InterruptedException ignored) {
                        // stop watching
                    }
                });
            }

            public void cancel(boolean removeFromParent, Throwable err, Throwable cause) {
                if (err == null) throw new IllegalStateException("context: internal error: missing cancel error");
                if (cause == null) cause = err;
                Set<Canceler> kids;
                synchronized (this) {
                    if (this.err != null) return; // already canceled
                    this.err = err;
                    this.cause = cause;
                    done.close();
                    kids = children;
                    children = null;
                    // Go cancels children while holding the parent's lock; parent→child lock
                    // order is the same here, so do it inside too.
                    if (kids != null) for (Canceler k : kids) k.cancel(false, err, cause);
                }
                if (removeFromParent) removeChild(parent, this);
            }

            public String toString() {
                return contextName(parent) + ".WithCancel";
            }
        }

        static final class TimerCtx extends CancelCtx {
            final Instant deadlineAt;
            ScheduledFuture<?> timer;

            TimerCtx(Instant d) {
                this.deadlineAt = d;
            }

            @Override
            public Optional<Instant> deadline() {
                return Optional.of(deadlineAt);
            }

            @Override
            public void cancel(boolean removeFromParent, Throwable err, Throwable cause) {
                super.cancel(false, err, cause);
                if (removeFromParent) removeChild(parent, this);
                synchronized (this) {
                    if (timer != null) {
                        timer.cancel(false);
                        timer = null;
                    }
                }
            }

            public String toString() {
                return contextName(parent) + ".WithDeadline(" + deadlineAt + " [" +
                        Duration.between(Instant.now(), deadlineAt).toMillis() + "ms])";
            }
        }

        static final class AfterFuncCtx extends CancelCtx {
            final Runnable f;
            final AtomicBoolean once = new AtomicBoolean();

            AfterFuncCtx(Runnable f) {
                this.f = f;
            }

            @Override
            public void cancel(boolean removeFromParent, Throwable err, Throwable cause) {
                super.cancel(false, err, cause);
                if (removeFromParent) removeChild(parent, this);
                if (once.compareAndSet(false, true)) {
                    Thread.ofPlatform().name("afterfunc-" + THREADS.incrementAndGet()).daemon(true).start(f);
                }
            }
        }

        record ValueCtx(Context parent, Object key, Object val) implements Context {
            public Optional<Instant> deadline() { return parent.deadline(); }
            public Done done() { return parent.done(); }
            public Throwable err() { return parent.err(); }
            public Object value(Object k) { return Impl.value(this, k); }
            public String toString() { return contextName(parent) + ".WithValue(" + key + ", " + val + ")"; }
        }

        record WithoutCancelCtx(Context parent) implements Context {
            public Optional<Instant> deadline() { return Optional.empty(); }
            public Done done() { return Done.NEVER; }
            public Throwable err() { return null; }
            public Object value(Object k) { return Impl.value(this, k); }
            public String toString() { return contextName(parent) + ".WithoutCancel"; }
        }

        static String contextName(Context c) {
            return String.valueOf(c);
        }
    }
}
