import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The page handler three ways. The legacy one calls the seven services one after another and renders
 * with the legacy template; the rewrites call them in parallel (eagerly, every call at once) or lazily
 * in parallel (a {@link Call} graph: independent calls start together, a call whose answer the page
 * may not need waits for the answer that decides it). Pricing needs the user's tier in every strategy.
 */
final class Handlers {
    private Handlers() {}

    /** The rewrite's error page: rendered once and kept when {@code cache}, else rendered per request. */
    static Supplier<byte[]> errorPages(boolean cache) {
        if (!cache) return ErrorPage::render;
        byte[] cached = ErrorPage.render();
        return () -> cached;
    }

    static Frontend.Handler legacy() {
        return (r, exec) -> {
            Map<String, Object> profile = orGuest(r.optional("profile"));
            Map<String, Object> item, pricing;
            try {
                item = r.call("catalog");
                pricing = r.call("pricing", "tier", (String) profile.get("tier"));
            }
            catch (Frontend.Failure f) {
                r.errorPage = true;
                return ErrorPage.render();
            }
            // the legacy code fetched every section up front, needed or not
            Map<String, Object> stock = r.optional("stock");
            Map<String, Object> reviews = r.optional("reviews");
            Map<String, Object> recs = r.optional("recs");
            Map<String, Object> shipping = r.optional("shipping");
            return LegacyRenderer.render(PageData.of(profile, item, pricing, stock, reviews, recs, shipping));
        };
    }

    static Frontend.Handler parallel(RewriteRenderer renderer, Supplier<byte[]> errorPage) {
        return (r, exec) -> {
            // every call at once, as goroutines joined by a WaitGroup would be; pricing waits for the tier
            var profile = async(exec, () -> orGuest(r.optional("profile")));
            var item = async(exec, () -> r.call("catalog"));
            var pricing = profile.thenApplyAsync(p -> unchecked(() -> r.call("pricing", "tier", (String) p.get("tier"))), exec);
            var stock = async(exec, () -> r.optional("stock"));
            var reviews = async(exec, () -> r.optional("reviews"));
            var recs = async(exec, () -> r.optional("recs"));
            var shipping = async(exec, () -> r.optional("shipping"));
            // wait for every call, as WaitGroup.Wait does, so none outlives its request
            CompletableFuture.allOf(profile, item, pricing, stock, reviews, recs, shipping).exceptionally(e -> null).join();
            try {
                Map<String, Object> i = join(item), pr = join(pricing);
                return renderer.render(PageData.of(join(profile), i, pr, join(stock), join(reviews), join(recs), join(shipping)));
            }
            catch (Frontend.Failure f) {
                r.errorPage = true;
                return errorPage.get();
            }
        };
    }

    static Frontend.Handler lazy(RewriteRenderer renderer, Supplier<byte[]> errorPage) {
        return (r, exec) -> {
            Call<Map<String, Object>> profile = Call.of(() -> orGuest(r.optional("profile")));
            Call<Map<String, Object>> item = Call.of(() -> r.call("catalog"));
            Call<String> tier = profile.map(p -> (String) p.get("tier"));
            Call<Map<String, Object>> pricing = tier.flatMap(t -> Call.of(() -> r.call("pricing", "tier", t)));
            Call<Map<String, Object>> stock = Call.of(() -> r.optional("stock"));
            // the optional sections are called only when the answer they depend on asks for them
            Call<Map<String, Object>> reviews = item.flatMap(i -> PageData.needsReviews(i) ? Call.of(() -> r.optional("reviews")) : Call.value(null));
            Call<Map<String, Object>> recs = profile.flatMap(p -> PageData.needsRecs(p) ? Call.of(() -> r.optional("recs")) : Call.value(null));
            Call<Map<String, Object>> shipping = stock.flatMap(s -> PageData.needsShipping(s) ? Call.of(() -> r.optional("shipping")) : Call.value(null));
            Call<Object[]> answers = Call.zip(Call.zip(profile, item, Handlers::pair), Call.zip(pricing, stock, Handlers::pair), Handlers::pair);
            Call<Object[]> sections = Call.zip(reviews, Call.zip(recs, shipping, Handlers::pair), Handlers::pair);
            Call<byte[]> page = Call.zip(answers, sections, (a, s) -> {
                Object[] pi = (Object[]) a[0], ps = (Object[]) a[1], rs = (Object[]) s[1];
                return renderer.render(PageData.of(map(pi[0]), map(pi[1]), map(ps[0]), map(ps[1]), map(s[0]), map(rs[0]), map(rs[1])));
            });
            try {
                return page.get(exec);
            }
            catch (Frontend.Failure f) {
                r.errorPage = true;
                return errorPage.get();
            }
        };
    }

    private static Object[] pair(Object a, Object b) {
        return new Object[] {a, b};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> orGuest(Map<String, Object> profile) {
        return profile == null ? PageData.GUEST : profile;
    }

    interface Work<T> {
        T run() throws Exception;
    }

    private static <T> CompletableFuture<T> async(ExecutorService exec, Work<T> w) {
        return CompletableFuture.supplyAsync(() -> unchecked(w), exec);
    }

    private static <T> T unchecked(Work<T> w) {
        try {
            return w.run();
        }
        catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Waits for a call; a downstream failure comes back as itself. */
    private static <T> T join(CompletableFuture<T> f) throws Exception {
        try {
            return f.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }
}
