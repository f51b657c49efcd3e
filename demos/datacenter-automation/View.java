import demolib.Emit;
import demolib.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the page shows, from every change in the store (never the lossy watch): the object tree, each
 * server's phase, the servers table, and whether the fleet has converged on its spec.
 */
final class View {
    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final long startMs = System.currentTimeMillis();
    private boolean allConverged;
    long writesWhileConverged;
    long reinstallsOfReady;
    long convergedAtMs = -1;

    View(Store store) {
        store.observe(this::changed);
    }

    private synchronized void changed(Store.Change c) {
        var o = c.object();
        String key = Obj.key(o);
        var before = objects.get(key);
        if (c.type().equals("DELETED")) objects.remove(key);
        else objects.put(key, o);
        dirty.add(key);
        String kind = Obj.kind(o);
        if (Controller.SERVER.equals(kind) && before != null && c.type().equals("MODIFIED")
                && !Json.write(Obj.map(before, "status")).equals(Json.write(Obj.map(o, "status"))) && allConverged) {
            writesWhileConverged++; // a status write to a fleet already at its spec: work that changes nothing
        }
        if (Controller.JOB.equals(kind) && c.type().equals("ADDED")) {
            var server = objects.get(Controller.SERVER + "/" + Obj.str(Obj.map(o, "spec"), "server"));
            if (server != null && converged(server)
                    && Obj.num(Obj.map(o, "spec").get("generation")) == Obj.generation(server)) {
                reinstallsOfReady++; // a fresh install of a machine that was already Ready on this spec
            }
        }
        if (Controller.JOB.equals(kind) || Controller.SERVER.equals(kind)) {
            String server = Controller.SERVER.equals(kind) ? Obj.name(o) : Obj.ownerName(o);
            if (server != null) dirty.add(Controller.SERVER + "/" + server);
        }
        boolean now = servers() > 0 && convergedCount() == servers();
        if (now && !allConverged) convergedAtMs = System.currentTimeMillis() - startMs;
        if (!now) convergedAtMs = -1;
        allConverged = now;
    }

    synchronized int servers() {
        int n = 0;
        for (var o : objects.values()) if (Controller.SERVER.equals(Obj.kind(o))) n++;
        return n;
    }

    synchronized int convergedCount() {
        int n = 0;
        for (var o : objects.values()) if (Controller.SERVER.equals(Obj.kind(o)) && converged(o)) n++;
        return n;
    }

    /** Ready, on the current generation, with a succeeded install job of that generation. */
    private boolean converged(Map<String, Object> server) {
        if (!"Ready".equals(Obj.phase(server))) return false;
        long gen = Obj.generation(server);
        if (Obj.num(Obj.map(server, "status").get("observedGeneration")) != gen) return false;
        for (var o : objects.values()) {
            if (Controller.JOB.equals(Obj.kind(o)) && Obj.uid(server).equals(Obj.ownerUid(o))
                    && Obj.num(Obj.map(o, "spec").get("generation")) == gen && "Succeeded".equals(Obj.phase(o))) {
                return true;
            }
        }
        return false;
    }

    private long jobs(Map<String, Object> server) {
        return objects.values().stream().filter(o -> Controller.JOB.equals(Obj.kind(o)) && Obj.uid(server).equals(Obj.ownerUid(o))).count();
    }

    /** Sends what changed since the last call: tree nodes, phases, table rows. */
    synchronized void flush() {
        for (String key : dirty) {
            var o = objects.get(key);
            if (o == null) {
                Emit.node(key, null, key, "deleted", null);
                continue;
            }
            String kind = Obj.kind(o);
            String owner = Obj.ownerName(o);
            String state = Obj.phase(o).isEmpty() ? (Controller.SERVER.equals(kind) ? "Pending" : Controller.JOB.equals(kind) ? "Queued" : "Created") : Obj.phase(o);
            if (Controller.SERVER.equals(kind)) {
                var spec = Obj.map(o, "spec");
                var status = Obj.map(o, "status");
                Emit.node(key, null, Obj.name(o), state, Json.obj("fields", Json.obj(
                        "image", Obj.str(spec, "image"), "generation", Obj.generation(o),
                        "observedGeneration", Obj.num(status.get("observedGeneration")), "resourceVersion", Obj.rv(o))));
                Emit.state("phase", Obj.name(o), state);
                Emit.row("servers", Obj.name(o), Json.obj("server", Obj.name(o), "phase", state,
                        "generation", Obj.generation(o), "observedGeneration", Obj.num(status.get("observedGeneration")),
                        "image", Obj.str(spec, "image"), "jobs", jobs(o), "converged", converged(o)));
            }
            else {
                var fields = Json.obj("resourceVersion", Obj.rv(o));
                if (Controller.JOB.equals(kind)) fields.put("attempt", Obj.num(Obj.map(o, "spec").get("attempt")));
                Emit.node(key, owner == null ? null : Controller.SERVER + "/" + owner, Obj.name(o), state,
                        Json.obj("fields", fields));
            }
        }
        dirty.clear();
    }
}
