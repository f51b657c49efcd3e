import demolib.Json;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The provisioning dependency: each server's baseboard management controller (power on, report
 * boot) and the installer that runs InstallJobs, as the Job controller and the machines would. Both
 * fail at the set rate. The installer sees every job through the store, never the lossy watch: it is
 * the world, not the controller under study.
 */
final class Bmc {
    static final long BOOT_MS = 700;
    private final Store store;
    private final ScheduledExecutorService timers;
    private final double failureRate;
    private final SplittableRandom random;
    private final Map<String, Long> bootedAt = new ConcurrentHashMap<>();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong calls = new AtomicLong();

    Bmc(Store store, ScheduledExecutorService timers, double failureRate, long seed) {
        this.store = store;
        this.timers = timers;
        this.failureRate = failureRate;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        store.observe(c -> {
            if (c.type().equals("ADDED") && "InstallJob".equals(Obj.kind(c.object()))) {
                String job = Obj.name(c.object());
                bootedAt.remove(Obj.str(Obj.map(c.object(), "spec"), "server")); // reinstalling: not booted
                timers.schedule(() -> setJob(job, "Running"), 100, TimeUnit.MILLISECONDS);
                timers.schedule(() -> finish(job), 1_000 + draw(800), TimeUnit.MILLISECONDS);
            }
        });
    }

    private synchronized long draw(int bound) {
        return random.nextInt(bound);
    }

    private synchronized boolean fails() {
        return random.nextDouble() < failureRate;
    }

    /** IPMI-like: slow, and now and then unavailable. */
    Map<String, Object> powerOn(String server) {
        calls.incrementAndGet();
        sleep(30 + draw(50));
        if (fails()) {
            failures.incrementAndGet();
            throw new ApiException(503, "ServiceUnavailable", "BMC of " + server + " did not answer");
        }
        return Json.obj("server", server, "power", "on");
    }

    Map<String, Object> health(String server) {
        calls.incrementAndGet();
        sleep(5 + draw(10));
        if (fails()) {
            failures.incrementAndGet();
            throw new ApiException(503, "ServiceUnavailable", "BMC of " + server + " did not answer");
        }
        Long at = bootedAt.get(server);
        return Json.obj("server", server, "booted", at != null && System.currentTimeMillis() >= at);
    }

    private void finish(String job) {
        boolean ok = !fails();
        if (!ok) failures.incrementAndGet();
        var done = setJob(job, ok ? "Succeeded" : "Failed");
        if (ok && done != null) {
            // a fresh install reboots the machine: not healthy until it has booted the new image
            bootedAt.put(Obj.str(Obj.map(done, "spec"), "server"), System.currentTimeMillis() + BOOT_MS);
        }
    }

    private Map<String, Object> setJob(String job, String phase) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                var o = store.get("InstallJob", job);
                if (phase.equals("Running") && !Obj.phase(o).isEmpty()) return null;
                Obj.map(o, "status").put("phase", phase);
                return store.updateStatus(o);
            }
            catch (ApiException e) {
                if (e.notFound()) return null; // its server was deleted, and the job with it
                if (!e.conflict()) throw e;
            }
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
