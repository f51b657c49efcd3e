import demolib.Emit;
import demolib.Json;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The BareMetalServer controller: lists, then watches from the list's resourceVersion (an informer's
 * start), keeps the last object it saw of each key, and hands changes to one of two handlers.
 * <ul>
 * <li>edge: acts on what the event says happened (added, spec changed, job finished, phase became
 * Installed); a missed event is a missed action, and a resync, which changes nothing, changes nothing.
 * <li>level: puts the server's key on a de-duplicating work queue; one worker reads the whole state
 * and does the next step towards the spec, and it is safe to run any number of times.
 * </ul>
 * A crash throws away its queue, its cache and its watch; the next instance starts from a fresh list.
 */
final class Controller {
    static final String SERVER = "BareMetalServer";
    static final String JOB = "InstallJob";

    private final Main.Settings settings;
    private final Stats stats;
    private final Client client;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "controller-timers");
        t.setDaemon(true);
        return t;
    });
    private final WorkQueue queue = new WorkQueue(timers);
    private final Map<String, Map<String, Object>> cache = new ConcurrentHashMap<>();
    private final Set<String> ownWrites = ConcurrentHashMap.newKeySet();
    private final Map<String, int[]> triggers = new ConcurrentHashMap<>(); // key -> {own status writes, other}
    private final SplittableRandom names;
    private volatile boolean stopped;
    private Thread watcher;
    private Thread worker;
    private long lastCoalescedEmit;

    Controller(Main.Settings settings, Stats stats, String base, long seed) {
        this.settings = settings;
        this.stats = stats;
        this.client = new Client(base);
        this.names = new SplittableRandom(seed);
    }

    int queueDepth() {
        return queue.depth();
    }

    void start() {
        watcher = Thread.ofPlatform().daemon().name("controller-watch").start(this::listAndWatch);
        if (settings.level()) worker = Thread.ofPlatform().daemon().name("controller-worker").start(this::work);
        if (settings.resyncMs() > 0) {
            timers.scheduleAtFixedRate(this::resync, settings.resyncMs(), settings.resyncMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** A crash: the process is gone, with everything it held in memory. */
    void crash() {
        stopped = true;
        queue.shutDown();
        timers.shutdownNow();
        client.close();
        if (watcher != null) watcher.interrupt();
        if (worker != null) worker.interrupt();
    }

    // ------------------------------------------------------------------ informer

    private void listAndWatch() {
        while (!stopped) {
            try {
                var servers = client.list(SERVER);
                var jobs = client.list(JOB);
                for (var s : Obj.items(servers.get("items"))) deliver("ADDED", s);
                for (var j : Obj.items(jobs.get("items"))) deliver("ADDED", j);
                client.watch(Obj.str(servers, "resourceVersion"), change -> {
                    @SuppressWarnings("unchecked")
                    var o = (Map<String, Object>) change.get("object");
                    stats.eventsReceived.incrementAndGet();
                    deliver((String) change.get("type"), o);
                });
            }
            catch (ApiException | java.io.IOException e) {
                if (stopped) return;
                sleep(200); // the watch broke: list again and start over
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(String type, Map<String, Object> o) {
        if (stopped) return;
        String key = Obj.key(o);
        var old = type.equals("DELETED") ? cache.remove(key) : cache.put(key, o);
        // as client-go's informer: a change to an object the cache never had is handed over as an add
        if (type.equals("MODIFIED") && old == null) type = "ADDED";
        if (settings.level()) {
            String server = SERVER.equals(Obj.kind(o)) ? Obj.name(o) : Obj.ownerName(o);
            if (server == null) return;
            boolean own = ownWrites.remove(Obj.name(o) + "@" + Obj.rv(o));
            triggers.computeIfAbsent(server, k -> new int[2])[own ? 0 : 1]++;
            queue.add(server);
        }
        else {
            try {
                edge(type, old, o);
            }
            catch (ApiException e) {
                stats.handlerErrors.incrementAndGet();
                Emit.event("edgeLost", Json.obj("key", key, "event", type, "error", e.status + " " + e.reason));
            }
        }
    }

    /** client-go's resync: level re-enqueues every server it lists; edge handlers get Update(old == new). */
    private void resync() {
        if (stopped) return;
        stats.resyncs.incrementAndGet();
        if (settings.level()) {
            try {
                var servers = client.items(SERVER);
                for (var s : servers) {
                    triggers.computeIfAbsent(Obj.name(s), k -> new int[2])[1]++;
                    queue.add(Obj.name(s));
                }
                Emit.event("resync", Json.obj("handler", "level", "keys", servers.size()));
            }
            catch (ApiException e) {
                // the next resync will do
            }
        }
        else {
            int n = 0;
            for (var o : cache.values()) {
                if (SERVER.equals(Obj.kind(o))) {
                    n++;
                    edge("RESYNC", o, o);
                }
            }
            Emit.event("resync", Json.obj("handler", "edge", "keys", n));
        }
    }

    // ------------------------------------------------------------------ edge-triggered

    private void edge(String type, Map<String, Object> old, Map<String, Object> o) {
        String kind = Obj.kind(o);
        if (SERVER.equals(kind)) {
            switch (type) {
                case "ADDED" -> provision(o, 1);
                case "MODIFIED" -> {
                    if (old != null && Obj.generation(old) != Obj.generation(o)) provision(o, 1);
                    else if (old != null && !"Installed".equals(Obj.phase(old)) && "Installed".equals(Obj.phase(o))) awaitBoot(Obj.name(o), 0);
                }
                default -> {
                    // RESYNC: nothing happened, so an edge handler does nothing
                }
            }
        }
        else if (JOB.equals(kind) && (type.equals("MODIFIED") || type.equals("ADDED"))
                && !Obj.phase(o).isEmpty() && (old == null || !Obj.phase(old).equals(Obj.phase(o)))) {
            var spec = Obj.map(o, "spec");
            String server = Obj.str(spec, "server");
            if ("Succeeded".equals(Obj.phase(o))) setPhase(server, "Installed", -1);
            else if ("Failed".equals(Obj.phase(o)) && Obj.num(spec.get("attempt")) < Main.MAX_ATTEMPTS) {
                createJob(client.get(SERVER, server), (int) Obj.num(spec.get("attempt")) + 1, true);
            }
        }
    }

    private void provision(Map<String, Object> server, int attempt) {
        String name = Obj.name(server);
        for (int i = 0; ; i++) { // the dependency is flaky: retry in place, as a handler with no queue must
            try {
                client.powerOn(name);
                break;
            }
            catch (ApiException e) {
                stats.dependencyErrors.incrementAndGet();
                if (i == 4) throw e;
                sleep(WorkQueue.BASE_MS << i);
            }
        }
        createOwned(server);
        createJob(server, attempt, true);
        setPhase(name, "Provisioning", Obj.generation(server));
    }

    private void awaitBoot(String name, int tries) {
        timers.schedule(() -> {
            try {
                if (client.booted(name)) setPhase(name, "Ready", -1);
                else if (tries < 30) awaitBoot(name, tries + 1);
            }
            catch (ApiException e) {
                stats.dependencyErrors.incrementAndGet();
                if (tries < 30) awaitBoot(name, tries + 1);
            }
        }, 300, TimeUnit.MILLISECONDS);
    }

    /** client-go's RetryOnConflict: read again, change again, write again. */
    private void setPhase(String name, String phase, long observedGeneration) {
        for (int i = 0; ; i++) {
            var s = client.get(SERVER, name);
            var status = Obj.map(s, "status");
            status.put("phase", phase);
            if (observedGeneration >= 0) status.put("observedGeneration", observedGeneration);
            try {
                writeStatus(s);
                return;
            }
            catch (ApiException e) {
                if (!e.conflict() || i == 4) throw e;
                stats.retries.incrementAndGet();
                Emit.event("retryOnConflict", Json.obj("key", name, "attempt", i + 1));
            }
        }
    }

    // ------------------------------------------------------------------ level-triggered

    private void work() {
        try {
            String key;
            while ((key = queue.get()) != null) {
                try {
                    reconcileOnce(key);
                }
                finally {
                    queue.done(key);
                }
            }
        }
        catch (InterruptedException e) {
            // crashed
        }
    }

    private void reconcileOnce(String key) {
        int[] t = triggers.remove(key);
        int own = t == null ? 0 : t[0];
        int other = t == null ? 0 : t[1];
        if (own + other >= 3) coalesced(key, own + other);
        long writesBefore = stats.statusWrites.get() + stats.created.get();
        stats.reconciles.incrementAndGet();
        try {
            long requeueMs = reconcile(key);
            queue.forget(key);
            if (requeueMs > 0) queue.addAfter(key, requeueMs);
        }
        catch (ApiException e) {
            if (stopped) return;
            if (e.conflict()) stats.conflicts.incrementAndGet();
            else stats.dependencyErrors.incrementAndGet();
            long delay = queue.addRateLimited(key);
            stats.backoffs.incrementAndGet();
            Emit.event(e.conflict() ? "conflict" : "backoff", Json.obj("key", key, "error", e.status + " " + e.reason, "delayMs", delay));
        }
        boolean wrote = stats.statusWrites.get() + stats.created.get() > writesBefore;
        if (!wrote) stats.noopReconciles.incrementAndGet();
        if (own > 0 && other == 0) {
            stats.selfTriggered.incrementAndGet();
            if (!wrote) stats.selfTriggeredNoops.incrementAndGet();
        }
    }

    /**
     * Reads the server and everything it owns and does the next step towards its spec. Every write is
     * named or conditioned so that running it again does nothing new; the milliseconds to look again, or 0.
     */
    private long reconcile(String name) {
        Map<String, Object> server;
        try {
            server = client.get(SERVER, name);
        }
        catch (ApiException e) {
            if (e.notFound()) return 0; // deleted: the garbage collector removes what it owned
            throw e;
        }
        long generation = Obj.generation(server);
        createOwned(server);
        Map<String, Object> job = null;
        for (var j : client.items(JOB)) {
            var spec = Obj.map(j, "spec");
            if (Obj.uid(server).equals(Obj.ownerUid(j)) && Obj.num(spec.get("generation")) == generation
                    && (job == null || Obj.num(spec.get("attempt")) > Obj.num(Obj.map(job, "spec").get("attempt")))) {
                job = j;
            }
        }
        String phase;
        long requeue = 0;
        if (job == null) {
            client.powerOn(name); // fails now and then: the error requeues the key with back-off
            job = createJob(server, 1, false);
            phase = "Provisioning";
        }
        else {
            switch (Obj.phase(job)) {
                case "Succeeded" -> {
                    if (client.booted(name)) phase = "Ready";
                    else {
                        phase = "Installed";
                        requeue = 300;
                    }
                }
                case "Failed" -> {
                    int attempt = (int) Obj.num(Obj.map(job, "spec").get("attempt"));
                    if (attempt >= Main.MAX_ATTEMPTS) phase = "Failed";
                    else {
                        job = createJob(server, attempt + 1, false);
                        phase = "Provisioning";
                    }
                }
                default -> phase = "Provisioning"; // the job's own events will bring us back
            }
        }
        var status = Json.obj("phase", phase, "observedGeneration", generation, "installJob", Obj.name(job));
        if (settings.stampStatus()) status.put("lastReconciled", System.currentTimeMillis());
        if (!Json.write(status).equals(Json.write(Obj.map(server, "status")))) {
            server.put("status", status);
            writeStatus(server); // a stale read gets 409 and the key comes back with back-off
        }
        return requeue;
    }

    // ------------------------------------------------------------------ shared

    private void createOwned(Map<String, Object> server) {
        String name = Obj.name(server);
        for (String kind : new String[] {"IPClaim", "BootConfig"}) {
            if (cache.containsKey(kind + "/" + name + (kind.equals("IPClaim") ? "-ip" : "-pxe"))) continue;
            var o = Obj.of(kind, name + (kind.equals("IPClaim") ? "-ip" : "-pxe"), kind.equals("IPClaim")
                    ? Json.obj("pool", "rack-a") : Json.obj("image", Obj.str(Obj.map(server, "spec"), "image")));
            Obj.own(o, server);
            try {
                client.create(o);
                stats.created.incrementAndGet();
            }
            catch (ApiException e) {
                if (!e.alreadyExists()) throw e;
            }
            cache.put(Obj.key(o), o);
        }
    }

    /**
     * An install job for the server's current generation. Level names it by generation and attempt,
     * so a second try of the same step meets AlreadyExists; edge uses a generated name, as a handler
     * that "creates a job when a server is added" does, so every delivery of the event makes one more.
     */
    private Map<String, Object> createJob(Map<String, Object> server, int attempt, boolean generatedName) {
        String name = Obj.name(server);
        long gen = Obj.generation(server);
        String jobName = generatedName ? name + "-" + suffix() : name + "-g" + gen + "-a" + attempt;
        var job = Obj.of(JOB, jobName, Json.obj("server", name, "image", Obj.str(Obj.map(server, "spec"), "image"),
                "generation", gen, "attempt", attempt));
        Obj.own(job, server);
        try {
            var made = client.create(job);
            stats.created.incrementAndGet();
            stats.jobsCreated.incrementAndGet();
            return made;
        }
        catch (ApiException e) {
            if (!e.alreadyExists()) throw e;
            return client.get(JOB, jobName);
        }
    }

    private synchronized String suffix() {
        var sb = new StringBuilder();
        for (int i = 0; i < 5; i++) sb.append("bcdfghjklmnpqrstvwxz2456789".charAt(names.nextInt(27)));
        return sb.toString();
    }

    private void writeStatus(Map<String, Object> server) {
        var written = client.updateStatus(server);
        stats.statusWrites.incrementAndGet();
        // the watch will bring this write back as an event: remember it to tell it from others
        ownWrites.add(Obj.name(written) + "@" + Obj.rv(written));
    }

    private void coalesced(String key, int events) {
        long now = System.currentTimeMillis();
        stats.coalescedReconciles.incrementAndGet();
        if (now - lastCoalescedEmit < 200) return; // a hot loop must not flood the log
        lastCoalescedEmit = now;
        Emit.event("coalesced", Json.obj("key", key, "events", events));
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
