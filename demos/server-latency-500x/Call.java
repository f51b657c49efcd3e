import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A downstream call described but not made: it starts only when its result is needed (by {@link #get},
 * or by a call composed from it that is started). {@link #zip} starts both sides at once, so independent
 * calls run in parallel; {@link #flatMap} makes a call that depends on another's answer, so a branch the
 * answer rules out is never called. The talk's "handler" ADT over gRPC/REST requests, in Java.
 */
final class Call<T> {
    private final Function<Executor, CompletableFuture<T>> starter;
    private final AtomicReference<CompletableFuture<T>> started = new AtomicReference<>();

    private Call(Function<Executor, CompletableFuture<T>> starter) {
        this.starter = starter;
    }

    /** A call that runs {@code work} on its own virtual thread once started. */
    static <T> Call<T> of(Callable<T> work) {
        return new Call<>(exec -> CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            }
            catch (Exception e) {
                throw new CompletionException(e);
            }
        }, exec));
    }

    /** A value already known: no call at all. */
    static <T> Call<T> value(T v) {
        return new Call<>(exec -> CompletableFuture.completedFuture(v));
    }

    /** Starts this call (once; later starts return the same future). */
    CompletableFuture<T> start(Executor exec) {
        CompletableFuture<T> f = started.get();
        if (f != null) return f;
        var mine = new CompletableFuture<T>();
        if (!started.compareAndSet(null, mine)) return started.get();
        starter.apply(exec).whenComplete((v, e) -> {
            if (e != null) mine.completeExceptionally(e);
            else mine.complete(v);
        });
        return mine;
    }

    /** Starts the call if needed and waits for it; a failure is thrown as it was raised. */
    T get(Executor exec) throws Exception {
        try {
            return start(exec).join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    <R> Call<R> map(Function<? super T, ? extends R> f) {
        return new Call<>(exec -> start(exec).thenApply(f));
    }

    /** A call made with this one's answer: it cannot start before that answer, and need not start at all. */
    <R> Call<R> flatMap(Function<? super T, Call<R>> f) {
        return new Call<>(exec -> start(exec).thenCompose(v -> f.apply(v).start(exec)));
    }


    /** Both calls at once: starting the pair starts each side. */
    static <A, B, R> Call<R> zip(Call<A> a, Call<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return new Call<>(exec -> {
            CompletableFuture<A> fa = a.start(exec);
            CompletableFuture<B> fb = b.start(exec);
            return fa.thenCombine(fb, f);
        });
    }
}
