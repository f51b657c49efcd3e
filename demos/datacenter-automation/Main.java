import demolib.*;
import java.io.IOException;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model of a Kubernetes operator in one JVM: an API server on loopback (resource versions, 409 on a
 * stale write, owner references, a watch), BareMetalServer objects going Pending → Provisioning →
 * Installed → Ready through install jobs against a flaky BMC, and a controller, edge- or
 * level-triggered, under dropped watch events, conflicting writers and a crash.
 *
 * <pre>java demos/datacenter-automation/Main.java --handler=level --dropPercent=30 --resyncSec=4 --writers=1 \
 *   --crash=false --failurePercent=20 --statusWrites=when-changed --servers=6 --durationSec=24 --seed=42</pre>
 *
 * The scenario: the servers are created one by one; at 30 % of the run every third one gets a new
 * image (a spec change: generation 2); with {@code --crash} the controller dies at 45 % and a new
 * instance starts 1.5 s later. {@code --check=api} (by hand) tries the API server's semantics once each.
 */
public final class Main {
    static final int MAX_ATTEMPTS = 5;
    static final long REPORT_MS = 250;

    /** How the controller works. */
    record Settings(boolean level, long resyncMs, boolean stampStatus) {}

    public static void main(String[] argv) {
        Args.run(argv, args -> {
            if (args.raw("check", "").equals("api")) ApiCheck.run();
            else run(args);
        });
    }

    static void run(Args args) throws IOException, InterruptedException {
        String handler = args.choiceArg("handler", "edge", "level");
        int dropPercent = args.intArg("dropPercent", 0, 60);
        int resyncSec = args.intArg("resyncSec", 0, 30);
        int writers = args.intArg("writers", 0, 3);
        boolean crash = args.boolArg("crash");
        int failurePercent = args.intArg("failurePercent", 0, 80);
        String statusWrites = args.choiceArg("statusWrites", "when-changed", "every-reconcile");
        int servers = args.intArg("servers", 1, 12);
        int durationSec = args.intArg("durationSec", 10, 90);
        long seed = args.intArg("seed", 0, 1_000_000);
        var settings = new Settings(handler.equals("level"), resyncSec * 1000L, statusWrites.equals("every-reconcile"));
        var stop = new AtomicBoolean();
        Commands.listen(cmd -> {
            if (!"stop".equals(cmd.get("cmd"))) throw new IllegalArgumentException("unknown command " + cmd.get("cmd"));
            stop.set(true);
        });

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "world");
            t.setDaemon(true);
            return t;
        });
        var store = new Store();
        var bmc = new Bmc(store, timers, failurePercent / 100.0, seed);
        var view = new View(store);
        var stats = new Stats();
        try (var api = new ApiServer(store, bmc, dropPercent / 100.0, seed); var user = new Client(api.base())) {
            Emit.event("start", Json.obj("handler", handler, "api", api.base(), "dropPercent", dropPercent, "resyncSec", resyncSec));
            var controller = new AtomicReference<>(new Controller(settings, stats, api.base(), seed));
            controller.get().start();
            long start = System.currentTimeMillis();
            long end = start + durationSec * 1000L;
            var crashes = new AtomicLong();

            // the scenario's scheduled moments
            long specChangeAt = durationSec * 300L;
            timers.schedule(() -> changeSpecs(user, servers), specChangeAt, TimeUnit.MILLISECONDS);
            if (crash) {
                timers.schedule(() -> {
                    controller.get().crash();
                    crashes.incrementAndGet();
                    Emit.event("crash", Json.obj("handler", handler));
                }, durationSec * 450L, TimeUnit.MILLISECONDS);
                timers.schedule(() -> {
                    var next = new Controller(settings, stats, api.base(), seed + 1);
                    controller.set(next);
                    next.start();
                    Emit.event("restart", Json.obj("handler", handler));
                }, durationSec * 450L + 1_500, TimeUnit.MILLISECONDS);
            }
            var writerClients = new ArrayList<Client>();
            for (int w = 1; w <= writers; w++) {
                var c = new Client(api.base());
                writerClients.add(c);
                var random = new SplittableRandom(seed * 7 + w);
                String id = "writer-" + w;
                timers.scheduleAtFixedRate(() -> touch(c, id, random, servers), 1_000 + w * 97L, 300, TimeUnit.MILLISECONDS);
            }

            // the user creates the servers, one every 250 ms, while the page is drawn
            int created = 0;
            long nextCreate = start;
            long lastReport = 0;
            long lastReconciles = 0;
            long lastEvents = 0;
            while (!stop.get() && System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                if (created < servers && now >= nextCreate) {
                    created++;
                    user.create(Obj.of(Controller.SERVER, String.format("bm-%02d", created),
                            Json.obj("image", "ubuntu-22.04", "rack", "a" + (1 + (created - 1) / 4))));
                    nextCreate = now + 250;
                }
                if (now - lastReport >= REPORT_MS) {
                    view.flush();
                    long r = stats.reconciles.get();
                    long e = stats.eventsReceived.get();
                    double secs = lastReport == 0 ? 1 : (now - lastReport) / 1000.0;
                    Emit.metric(Json.obj("desired", view.servers(), "observed", view.convergedCount(),
                            "queueDepth", controller.get().queueDepth(),
                            "reconcilesPerSec", Math.round((r - lastReconciles) / secs),
                            "eventsPerSec", Math.round((e - lastEvents) / secs)));
                    lastReconciles = r;
                    lastEvents = e;
                    lastReport = now;
                }
                Thread.sleep(25);
            }
            controller.get().crash(); // the run is over: stop it the hard way, as a crash would
            timers.shutdownNow();
            writerClients.forEach(Client::close);
            view.flush();
            Emit.metric(Json.obj("desired", view.servers(), "observed", view.convergedCount(), "queueDepth", 0));

            int converged = view.convergedCount();
            Emit.done(Json.obj(
                    "handler", handler, "levelTriggered", settings.level() ? 1 : 0, "dropPercent", dropPercent,
                    "servers", view.servers(), "convergedServers", converged,
                    "converged", converged == servers && view.servers() == servers ? 1 : 0,
                    "drifted", view.servers() - converged,
                    "convergedAtSec", view.convergedAtMs < 0 ? -1 : Math.round(view.convergedAtMs / 100.0) / 10.0,
                    "eventsSent", api.sent.get(), "eventsDropped", api.dropped.get(), "eventsReceived", stats.eventsReceived.get(),
                    "reconciles", stats.reconciles.get(), "coalescedReconciles", stats.coalescedReconciles.get(),
                    "noopReconciles", stats.noopReconciles.get(), "selfTriggeredReconciles", stats.selfTriggered.get(),
                    "selfTriggeredNoops", stats.selfTriggeredNoops.get(), "statusWrites", stats.statusWrites.get(),
                    "writesWhileConverged", view.writesWhileConverged, "conflicts", stats.conflicts.get() + stats.retries.get(),
                    "jobsCreated", stats.jobsCreated.get(), "reinstallsOfReady", view.reinstallsOfReady,
                    "dependencyErrors", stats.dependencyErrors.get(), "backoffs", stats.backoffs.get(),
                    "resyncs", stats.resyncs.get(), "crashes", crashes.get(), "stopped", stop.get()));
        }
    }

    /** A spec change by the user: every third server gets the new image (generation goes to 2). */
    static void changeSpecs(Client user, int servers) {
        var changed = new ArrayList<String>();
        for (int i = 1; i <= servers; i += 3) {
            String name = String.format("bm-%02d", i);
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    var s = user.get(Controller.SERVER, name);
                    Obj.map(s, "spec").put("image", "ubuntu-24.04");
                    user.update(s);
                    changed.add(name);
                    break;
                }
                catch (ApiException e) {
                    if (!e.conflict()) break;
                }
            }
        }
        Emit.event("specChange", Json.obj("servers", String.join(", ", changed), "image", "ubuntu-24.04"));
    }

    /** Another writer (a person with kubectl, an inventory sync) labels a server: its resourceVersion moves on. */
    static void touch(Client c, String id, SplittableRandom random, int servers) {
        String name;
        synchronized (random) {
            name = String.format("bm-%02d", 1 + random.nextInt(servers));
        }
        try {
            var s = c.get(Controller.SERVER, name);
            var labels = Obj.map(Obj.map(s, "metadata"), "labels");
            labels.put("inventory/checked-by", id);
            labels.put("inventory/seen", String.valueOf(System.currentTimeMillis() % 100_000));
            c.update(s);
        }
        catch (ApiException e) {
            // not created yet, or a conflict of its own: it will touch another one next time
        }
    }
}
