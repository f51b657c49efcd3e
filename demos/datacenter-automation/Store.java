import demolib.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The API server's storage, with the semantics a controller depends on: one resourceVersion counter
 * for every write (as etcd's revision), an update must carry the version it read or it gets 409
 * Conflict, a spec change bumps metadata.generation while a status write does not, and deleting an
 * object deletes what names it as owner (the garbage collector, run inline here).
 */
final class Store {
    /** A change, as a watch sends it: ADDED, MODIFIED or DELETED with the object after the change. */
    record Change(String type, Map<String, Object> object) {}

    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private static final int HISTORY = 5_000;
    private final java.util.ArrayDeque<Change> history = new java.util.ArrayDeque<>();
    private final List<BlockingQueue<Change>> watchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Change>> observers = new CopyOnWriteArrayList<>();
    private long revision;
    private long uids;
    long writes;
    long conflicts;

    synchronized long revision() {
        return revision;
    }

    synchronized Map<String, Object> get(String kind, String name) {
        var o = objects.get(kind + "/" + name);
        if (o == null) throw new ApiException(404, "NotFound", kind + " " + name + " not found");
        return Obj.copy(o);
    }

    /** All objects of a kind, and the revision the list is consistent at (a watch can start from it). */
    synchronized Map<String, Object> list(String kind) {
        var items = new ArrayList<Object>();
        for (var o : objects.values()) if (kind.equals(Obj.kind(o))) items.add(Obj.copy(o));
        return Json.obj("resourceVersion", String.valueOf(revision), "items", items);
    }

    synchronized Map<String, Object> create(Map<String, Object> in) {
        var o = Obj.copy(in);
        String key = Obj.key(o);
        if (objects.containsKey(key)) throw new ApiException(409, "AlreadyExists", key + " already exists");
        var meta = Obj.map(o, "metadata");
        meta.put("uid", "uid-" + (++uids));
        meta.put("generation", 1L);
        meta.put("resourceVersion", String.valueOf(++revision));
        o.put("status", Obj.map(in, "status")); // a create may carry status; the job runner's own objects do
        objects.put(key, o);
        publish(new Change("ADDED", o));
        return Obj.copy(o);
    }

    /** Writes metadata.labels and spec; the caller's resourceVersion must be the current one. */
    synchronized Map<String, Object> update(Map<String, Object> in) {
        var cur = current(in);
        var o = Obj.copy(cur);
        var given = Obj.copy(in);
        Obj.map(o, "metadata").put("labels", Obj.map(Obj.map(given, "metadata"), "labels"));
        var spec = Obj.map(given, "spec");
        if (!Objects.equals(Json.write(spec), Json.write(Obj.map(cur, "spec")))) {
            Obj.map(o, "metadata").put("generation", Obj.generation(cur) + 1);
        }
        o.put("spec", spec);
        return commit(o);
    }

    /** The status subresource: only status changes, and generation stays. */
    synchronized Map<String, Object> updateStatus(Map<String, Object> in) {
        var o = Obj.copy(current(in));
        o.put("status", Obj.map(Obj.copy(in), "status"));
        return commit(o);
    }

    synchronized void delete(String kind, String name) {
        var o = objects.remove(kind + "/" + name);
        if (o == null) throw new ApiException(404, "NotFound", kind + " " + name + " not found");
        Obj.map(o, "metadata").put("resourceVersion", String.valueOf(++revision));
        publish(new Change("DELETED", o));
        String uid = Obj.uid(o);
        for (var child : List.copyOf(objects.values())) {
            if (uid.equals(Obj.ownerUid(child))) delete(Obj.kind(child), Obj.name(child));
        }
    }

    private Map<String, Object> current(Map<String, Object> in) {
        String key = Obj.key(in);
        var cur = objects.get(key);
        if (cur == null) throw new ApiException(404, "NotFound", key + " not found");
        if (!Obj.rv(cur).equals(Obj.rv(in))) {
            conflicts++;
            throw new ApiException(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again ("
                    + key + " is at " + Obj.rv(cur) + ", the write was based on " + Obj.rv(in) + ")");
        }
        return cur;
    }

    private Map<String, Object> commit(Map<String, Object> o) {
        Obj.map(o, "metadata").put("resourceVersion", String.valueOf(++revision));
        objects.put(Obj.key(o), o);
        writes++;
        publish(new Change("MODIFIED", o));
        return Obj.copy(o);
    }

    private void publish(Change c) {
        var copy = new Change(c.type(), Obj.copy(c.object()));
        history.add(copy);
        if (history.size() > HISTORY) history.removeFirst();
        for (var w : watchers) w.add(copy);
        for (var o : observers) o.accept(copy);
    }

    /**
     * A watch of every change after {@code fromRevision} (the revision a list returned), replayed from
     * the recent history and then live; 410 Gone when that revision is older than the history kept.
     */
    synchronized BlockingQueue<Change> watch(long fromRevision) {
        if (!history.isEmpty() && Long.parseLong(Obj.rv(history.getFirst().object())) > fromRevision + 1) {
            throw new ApiException(410, "Gone", "too old resource version: " + fromRevision);
        }
        var q = new LinkedBlockingQueue<Change>();
        for (var c : history) if (Long.parseLong(Obj.rv(c.object())) > fromRevision) q.add(c);
        watchers.add(q);
        return q;
    }

    void unwatch(BlockingQueue<Change> q) {
        watchers.remove(q);
    }

    /** In-process listeners that must see every change (the page's views), never the lossy watch. */
    void observe(Consumer<Change> observer) {
        observers.add(observer);
    }

    synchronized List<Map<String, Object>> all() {
        var out = new ArrayList<Map<String, Object>>();
        for (var o : objects.values()) out.add(Obj.copy(o));
        return out;
    }
}
