import demolib.Emit;
import demolib.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The semantics table of Go's context package, checked against the Java port. Each case is a
 * statement from Go's documentation (pkg.go.dev/context) or context_test.go.
 */
final class SelfTest {
    private SelfTest() {}

    interface Case {
        void run() throws Exception;
    }

    record Named(String name, String goDoc, Case body) {}

    static final class Fail extends Exception {
        Fail(String m) {
            super(m);
        }
    }

    static void check(boolean cond, String what) throws Fail {
        if (!cond) throw new Fail(what);
    }

    static void eq(Object want, Object got, String what) throws Fail {
        if (want == null ? got != null : !want.equals(got)) throw new Fail(what + ": want " + want + ", got " + got);
    }

    static int run() {
        List<Named> cases = cases();
        int pass = 0, fail = 0;
        for (Named c : cases) {
            long t0 = System.nanoTime();
            String err = null;
            try {
                c.body.run();
            } catch (Throwable e) {
                err = e instanceof Fail ? e.getMessage() : e.toString();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (err == null) pass++;
            else fail++;
            Emit.event("case", Json.obj("name", c.name, "pass", err == null, "result", err == null ? "pass" : "fail",
                    "error", err, "goDoc", c.goDoc, "ms", ms));
        }
        Emit.done(Json.obj("cases", cases.size(), "passed", pass, "failed", fail));
        return fail == 0 ? 0 : 1;
    }

    static List<Named> cases() {
        var l = new ArrayList<Named>();
        Context bg = Context.background();

        l.add(new Named("background-never-canceled", "Background is never canceled, has no values, and has no deadline", () -> {
            check(!bg.done().isClosed(), "Done closed");
            check(bg.done() == Context.Done.NEVER, "Done should be the never-closing signal (Go: nil channel)");
            eq(null, bg.err(), "Err");
            check(bg.deadline().isEmpty(), "has deadline");
            eq(null, bg.value("k"), "Value");
            eq("context.Background", bg.toString(), "String");
        }));
        l.add(new Named("todo-like-background", "TODO returns a non-nil, empty Context, like Background; it only differs in intent (String)", () -> {
            Context td = Context.todo();
            check(td.done() == Context.Done.NEVER && td.err() == null && td.deadline().isEmpty(), "TODO must behave like Background");
            check(td != bg, "TODO and Background are distinct values");
            eq("context.TODO", td.toString(), "String");
        }));
        l.add(new Named("cancel-closes-done", "The returned context's Done channel is closed when the returned cancel function is called", () -> {
            var r = Context.withCancel(bg);
            check(!r.ctx().done().isClosed(), "done before cancel");
            eq(null, r.ctx().err(), "Err before cancel");
            r.cancel().run();
            check(r.ctx().done().isClosed(), "not closed after cancel");
            eq(Context.CANCELED, r.ctx().err(), "Err after cancel");
        }));
        l.add(new Named("cancel-propagates-to-children", "Canceling this context releases resources; descendants derived from it are canceled too", () -> {
            var p = Context.withCancel(bg);
            var c1 = Context.withCancel(p.ctx());
            var c2 = Context.withTimeout(Context.withValue(c1.ctx(), "k", "v"), Duration.ofHours(1));
            p.cancel().run();
            eq(Context.CANCELED, c1.ctx().err(), "child Err");
            eq(Context.CANCELED, c2.ctx().err(), "grandchild Err (through WithValue)");
            check(c2.ctx().done().isClosed(), "grandchild Done");
        }));
        l.add(new Named("cancel-not-to-parent-or-sibling", "Canceling a child does not cancel its parent or siblings", () -> {
            var p = Context.withCancel(bg);
            var a = Context.withCancel(p.ctx());
            var b = Context.withCancel(p.ctx());
            a.cancel().run();
            eq(null, p.ctx().err(), "parent Err");
            eq(null, b.ctx().err(), "sibling Err");
            check(!p.ctx().done().isClosed() && !b.ctx().done().isClosed(), "parent/sibling Done closed");
        }));
        l.add(new Named("cancel-idempotent-err-once", "After Err returns a non-nil error, successive calls return the same error; later cancels do nothing", () -> {
            var r = Context.withTimeout(bg, Duration.ofMillis(20));
            r.cancel().run();
            r.cancel().run();
            Thread.sleep(60);
            eq(Context.CANCELED, r.ctx().err(), "Err stays Canceled even after the deadline passes");
        }));
        l.add(new Named("timeout-deadline-exceeded", "WithTimeout: when the deadline passes, Done closes and Err is DeadlineExceeded", () -> {
            var r = Context.withTimeout(bg, Duration.ofMillis(30));
            check(r.ctx().done().await(Duration.ofSeconds(2)), "Done did not close");
            eq(Context.DEADLINE_EXCEEDED, r.ctx().err(), "Err");
            check(((Context.Error) r.ctx().err()).isTimeout(), "DeadlineExceeded.Timeout() should be true");
            eq(Context.DEADLINE_EXCEEDED, Context.cause(r.ctx()), "Cause defaults to Err");
            r.cancel().run();
            eq(Context.DEADLINE_EXCEEDED, r.ctx().err(), "cancel after deadline does not change Err");
        }));
        l.add(new Named("deadline-in-past", "WithDeadline with a deadline already passed returns a context that is already done", () -> {
            var r = Context.withDeadline(bg, Instant.now().minusSeconds(1));
            check(r.ctx().done().isClosed(), "not done");
            eq(Context.DEADLINE_EXCEEDED, r.ctx().err(), "Err");
        }));
        l.add(new Named("earlier-parent-deadline-wins", "If the parent's deadline is earlier than d, WithDeadline(parent, d) is semantically equivalent to parent", () -> {
            Instant pd = Instant.now().plusMillis(40);
            var p = Context.withDeadline(bg, pd);
            var c = Context.withTimeout(p.ctx(), Duration.ofHours(1));
            eq(pd, c.ctx().deadline().orElse(null), "child Deadline should be the parent's");
            check(c.ctx().done().await(Duration.ofSeconds(2)), "child not done at parent's deadline");
            eq(Context.DEADLINE_EXCEEDED, c.ctx().err(), "child Err");
        }));
        l.add(new Named("earlier-child-deadline-wins", "A child deadline earlier than the parent's fires first and does not affect the parent", () -> {
            var p = Context.withTimeout(bg, Duration.ofHours(1));
            Instant cd = Instant.now().plusMillis(20);
            var c = Context.withDeadline(p.ctx(), cd);
            eq(cd, c.ctx().deadline().orElse(null), "child Deadline");
            check(c.ctx().done().await(Duration.ofSeconds(2)), "child not done");
            eq(Context.DEADLINE_EXCEEDED, c.ctx().err(), "child Err");
            eq(null, p.ctx().err(), "parent Err");
            p.cancel().run();
        }));
        l.add(new Named("deadline-reporting", "Deadline returns ok==false when no deadline is set; WithValue/WithCancel inherit the parent's", () -> {
            check(Context.withCancel(bg).ctx().deadline().isEmpty(), "WithCancel(Background) has a deadline");
            Instant d = Instant.now().plusSeconds(30);
            var p = Context.withDeadline(bg, d);
            eq(d, Context.withValue(p.ctx(), "k", 1).deadline().orElse(null), "WithValue deadline");
            eq(d, Context.withCancel(p.ctx()).ctx().deadline().orElse(null), "WithCancel deadline");
            p.cancel().run();
        }));
        l.add(new Named("deadline-exceeded-propagates", "Children of a context whose deadline passed get DeadlineExceeded too", () -> {
            var p = Context.withTimeout(bg, Duration.ofMillis(20));
            var c = Context.withCancel(p.ctx());
            check(c.ctx().done().await(Duration.ofSeconds(2)), "child not done");
            eq(Context.DEADLINE_EXCEEDED, c.ctx().err(), "child Err");
        }));
        l.add(new Named("cancel-cause", "WithCancelCause: cancel(cause) sets Err to Canceled and Cause to cause", () -> {
            var r = Context.withCancelCause(bg);
            eq(null, Context.cause(r.ctx()), "Cause before cancel");
            Throwable boom = Context.error("boom");
            r.cancel().accept(boom);
            eq(Context.CANCELED, r.ctx().err(), "Err");
            eq(boom, Context.cause(r.ctx()), "Cause");
            r.cancel().accept(Context.error("second"));
            eq(boom, Context.cause(r.ctx()), "Cause set once");
        }));
        l.add(new Named("cancel-cause-nil-defaults", "Canceling with a nil cause sets the cause to Canceled; Cause defaults to Err", () -> {
            var r = Context.withCancelCause(bg);
            r.cancel().accept(null);
            eq(Context.CANCELED, Context.cause(r.ctx()), "Cause");
            var w = Context.withCancel(bg);
            w.cancel().run();
            eq(Context.CANCELED, Context.cause(w.ctx()), "Cause of WithCancel");
        }));
        l.add(new Named("cause-inherited-by-children", "Children canceled through the parent report the parent's cause (Cause walks to the nearest cancelCtx)", () -> {
            var p = Context.withCancelCause(bg);
            var c = Context.withCancel(p.ctx());
            Context v = Context.withValue(c.ctx(), "k", "v");
            Throwable why = Context.error("why");
            p.cancel().accept(why);
            eq(why, Context.cause(c.ctx()), "child Cause");
            eq(why, Context.cause(v), "Cause through WithValue");
            eq(Context.CANCELED, c.ctx().err(), "child Err");
        }));
        l.add(new Named("timeout-cause", "WithTimeoutCause: when the timeout expires, Err is DeadlineExceeded and Cause is the cause; a manual cancel gives Canceled", () -> {
            Throwable slow = Context.error("too slow");
            var r = Context.withTimeoutCause(bg, Duration.ofMillis(20), slow);
            check(r.ctx().done().await(Duration.ofSeconds(2)), "not done");
            eq(Context.DEADLINE_EXCEEDED, r.ctx().err(), "Err");
            eq(slow, Context.cause(r.ctx()), "Cause");
            var m = Context.withDeadlineCause(bg, Instant.now().plusSeconds(60), slow);
            m.cancel().run();
            eq(Context.CANCELED, m.ctx().err(), "manual Err");
            eq(Context.CANCELED, Context.cause(m.ctx()), "manual Cause is Canceled, not the timeout cause");
        }));
        l.add(new Named("child-of-canceled-parent", "Deriving from an already-canceled parent yields an already-canceled child with the parent's Err and Cause", () -> {
            var p = Context.withCancelCause(bg);
            Throwable why = Context.error("gone");
            p.cancel().accept(why);
            var c = Context.withTimeout(p.ctx(), Duration.ofHours(1));
            check(c.ctx().done().isClosed(), "child not done");
            eq(Context.CANCELED, c.ctx().err(), "child Err");
            eq(why, Context.cause(c.ctx()), "child Cause");
        }));
        l.add(new Named("value-lookup-chain", "Value returns the value for key from the nearest ancestor that has it, or nil", () -> {
            Context a = Context.withValue(bg, "user", "alice");
            Context b = Context.withValue(Context.withCancel(a).ctx(), "req", 42);
            Context c = Context.withValue(b, "user", "bob");
            eq("bob", c.value("user"), "shadowed value");
            eq("alice", b.value("user"), "ancestor value");
            eq(42, c.value("req"), "value through cancelCtx");
            eq(null, c.value("missing"), "missing key");
            eq(null, a.value("req"), "parent does not see child's value");
        }));
        l.add(new Named("value-nil-key-panics", "WithValue panics if key is nil", () -> {
            try {
                Context.withValue(bg, null, "x");
                throw new Fail("no exception");
            } catch (IllegalArgumentException expected) {
                // ok
            }
        }));
        l.add(new Named("without-cancel", "WithoutCancel: not canceled when parent is; no Deadline or Err; Done is nil; values kept; Cause is nil", () -> {
            var p = Context.withTimeoutCause(Context.withValue(bg, "k", "v"), Duration.ofHours(1), Context.error("c"));
            Context w = Context.withoutCancel(p.ctx());
            p.cancel().run();
            check(p.ctx().done().isClosed(), "parent not canceled");
            check(!w.done().isClosed() && w.done() == Context.Done.NEVER, "WithoutCancel Done must never close");
            eq(null, w.err(), "Err");
            eq(null, Context.cause(w), "Cause");
            check(w.deadline().isEmpty(), "Deadline must be unset");
            eq("v", w.value("k"), "Value");
        }));
        l.add(new Named("without-cancel-child-cancelable", "A cancelable child of a WithoutCancel context works on its own and is not canceled by the original parent", () -> {
            var p = Context.withCancel(bg);
            var c = Context.withCancel(Context.withoutCancel(p.ctx()));
            p.cancel().run();
            eq(null, c.ctx().err(), "child canceled through WithoutCancel");
            c.cancel().run();
            eq(Context.CANCELED, c.ctx().err(), "child own cancel");
        }));
        l.add(new Named("afterfunc-runs-once-own-thread", "AfterFunc calls f in its own goroutine after ctx is done, once", () -> {
            var r = Context.withCancel(bg);
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<Thread> ran = new AtomicReference<>();
            CountDownLatch latch = new CountDownLatch(1);
            Context.afterFunc(r.ctx(), () -> {
                runs.incrementAndGet();
                ran.set(Thread.currentThread());
                latch.countDown();
            });
            Thread.sleep(20);
            eq(0, runs.get(), "ran before done");
            r.cancel().run();
            r.cancel().run();
            check(latch.await(2, TimeUnit.SECONDS), "f did not run");
            Thread.sleep(30);
            eq(1, runs.get(), "runs");
            check(ran.get() != Thread.currentThread(), "f ran on the canceling thread");
        }));
        l.add(new Named("afterfunc-stop-prevents", "stop returns true if it stopped f from being run; then f never runs", () -> {
            var r = Context.withCancel(bg);
            AtomicInteger runs = new AtomicInteger();
            var stop = Context.afterFunc(r.ctx(), runs::incrementAndGet);
            check(stop.getAsBoolean(), "first stop should return true");
            check(!stop.getAsBoolean(), "second stop should return false");
            r.cancel().run();
            Thread.sleep(50);
            eq(0, runs.get(), "f ran after stop");
        }));
        l.add(new Named("afterfunc-stop-after-run-false", "If stop returns false, the context is done and f has been started", () -> {
            var r = Context.withCancel(bg);
            CountDownLatch latch = new CountDownLatch(1);
            var stop = Context.afterFunc(r.ctx(), latch::countDown);
            r.cancel().run();
            check(latch.await(2, TimeUnit.SECONDS), "f did not run");
            check(!stop.getAsBoolean(), "stop after f started should return false");
        }));
        l.add(new Named("afterfunc-already-done", "AfterFunc on an already-done context runs f immediately in a new goroutine", () -> {
            var r = Context.withCancel(bg);
            r.cancel().run();
            CountDownLatch latch = new CountDownLatch(1);
            AtomicReference<Thread> ran = new AtomicReference<>();
            Context.afterFunc(r.ctx(), () -> {
                ran.set(Thread.currentThread());
                latch.countDown();
            });
            check(latch.await(2, TimeUnit.SECONDS), "f did not run");
            check(ran.get() != Thread.currentThread(), "f ran inline");
        }));
        l.add(new Named("afterfunc-does-not-cancel-ctx", "AfterFunc and its stop function do not cancel ctx", () -> {
            var r = Context.withCancel(bg);
            var stop = Context.afterFunc(r.ctx(), () -> {});
            stop.getAsBoolean();
            eq(null, r.ctx().err(), "ctx canceled by stop");
            r.cancel().run();
        }));
        l.add(new Named("afterfunc-never-canceled", "AfterFunc on a never-canceled context (Background) never runs f; stop returns true", () -> {
            AtomicInteger runs = new AtomicInteger();
            var stop = Context.afterFunc(bg, runs::incrementAndGet);
            Thread.sleep(20);
            eq(0, runs.get(), "runs");
            check(stop.getAsBoolean(), "stop should return true");
        }));
        l.add(new Named("done-await-blocks-until-cancel", "A receive from Done blocks until the context is canceled", () -> {
            var r = Context.withCancel(bg);
            check(!r.ctx().done().await(Duration.ofMillis(20)), "Done closed early");
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                }
                r.cancel().run();
            });
            long t0 = System.nanoTime();
            r.ctx().done().await();
            check(System.nanoTime() - t0 >= 10_000_000, "returned too early");
        }));
        l.add(new Named("many-children-all-canceled", "Every descendant (a wide tree) is canceled by one cancel", () -> {
            var root = Context.withCancel(bg);
            List<Context> kids = new ArrayList<>();
            for (int i = 0; i < 50; i++) kids.add(Context.withCancel(Context.withCancel(root.ctx()).ctx()).ctx());
            root.cancel().run();
            for (Context k : kids) eq(Context.CANCELED, k.err(), "descendant Err");
        }));
        l.add(new Named("removed-child-no-effect", "A child that is canceled is removed from its parent; canceling the parent later is fine", () -> {
            var p = Context.withCancel(bg);
            var c = Context.withCancel(p.ctx());
            c.cancel().run();
            var impl = (Context.Impl.CancelCtx) p.ctx();
            synchronized (impl) {
                check(impl.children == null || impl.children.isEmpty(), "child still registered: " + impl.children);
            }
            p.cancel().run();
            eq(Context.CANCELED, c.ctx().err(), "child Err");
        }));
        return List.copyOf(l);
    }
}
