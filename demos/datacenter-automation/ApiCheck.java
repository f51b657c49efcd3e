import demolib.Emit;
import demolib.Json;
import java.util.Map;

/**
 * By hand only ({@code --check=api}): the API server's semantics that the controllers rely on, each
 * tried once over HTTP against a fresh server, reported as a done summary.
 */
final class ApiCheck {
    private ApiCheck() {}

    static void run() throws Exception {
        var store = new Store();
        var timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (var api = new ApiServer(store, new Bmc(store, timers, 0, 1), 0, 1); var c = new Client(api.base())) {
            var server = c.create(Obj.of(Controller.SERVER, "bm-01", Json.obj("image", "ubuntu-22.04")));
            var duplicate = status(() -> c.create(Obj.of(Controller.SERVER, "bm-01", Json.obj())));
            var stale = Obj.copy(server);
            Obj.map(server, "status").put("phase", "Provisioning");
            var afterStatus = c.updateStatus(server);
            Obj.map(stale, "spec").put("image", "ubuntu-24.04");
            int staleWrite = status(() -> c.update(stale));
            Obj.map(afterStatus, "spec").put("image", "ubuntu-24.04");
            var afterSpec = c.update(afterStatus);
            var job = Obj.of(Controller.JOB, "bm-01-g2-a1", Json.obj("server", "bm-01", "generation", 2, "attempt", 1));
            Obj.own(job, afterSpec);
            c.create(job);
            var changes = new java.util.ArrayList<String>();
            var watcher = new Client(api.base());
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    watcher.watch(Obj.rv(server), ch -> changes.add(ch.get("type") + " " + Obj.key(castObject(ch.get("object")))));
                }
                catch (Exception e) {
                    // closed below
                }
            });
            store.delete(Controller.SERVER, "bm-01");
            Thread.sleep(500);
            watcher.close();
            t.join(2_000);
            long left = Obj.items(c.list(Controller.JOB).get("items")).size();
            Emit.done(Json.obj("duplicateCreate", duplicate, "staleWrite", staleWrite,
                    "generationAfterStatusWrite", Obj.generation(afterStatus), "generationAfterSpecWrite", Obj.generation(afterSpec),
                    "jobsLeftAfterOwnerDeleted", left, "watchedChanges", String.join("; ", changes),
                    "oldWatch", status(() -> {
                        var s2 = new Store();
                        for (int i = 0; i < 5_100; i++) s2.create(Obj.of("X", "x" + i, Json.obj()));
                        s2.watch(1);
                        return null;
                    })));
        }
        finally {
            timers.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castObject(Object o) {
        return (Map<String, Object>) o;
    }

    private static int status(java.util.concurrent.Callable<?> call) throws Exception {
        try {
            call.call();
            return 200;
        }
        catch (ApiException e) {
            return e.status;
        }
    }
}
