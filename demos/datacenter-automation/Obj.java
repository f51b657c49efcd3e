import demolib.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API object as the API server stores and sends it: a JSON map with {@code kind}, {@code metadata}
 * (name, uid, resourceVersion, generation, labels, ownerReferences), {@code spec} and {@code status}.
 */
final class Obj {
    private Obj() {}

    static Map<String, Object> of(String kind, String name, Map<String, Object> spec) {
        return Json.obj("kind", kind, "metadata", Json.obj("name", name, "labels", Json.obj()),
                "spec", spec, "status", Json.obj());
    }

    /** A deep copy, so no two parties ever share a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> o) {
        return (Map<String, Object>) Json.parse(Json.write(o));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        var m = new LinkedHashMap<String, Object>();
        o.put(key, m);
        return m;
    }

    static String kind(Map<String, Object> o) {
        return (String) o.get("kind");
    }

    static String name(Map<String, Object> o) {
        return (String) map(o, "metadata").get("name");
    }

    static String key(Map<String, Object> o) {
        return kind(o) + "/" + name(o);
    }

    static String rv(Map<String, Object> o) {
        return String.valueOf(map(o, "metadata").get("resourceVersion"));
    }

    static String uid(Map<String, Object> o) {
        return String.valueOf(map(o, "metadata").get("uid"));
    }

    static long generation(Map<String, Object> o) {
        return num(map(o, "metadata").get("generation"));
    }

    static long num(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    static String phase(Map<String, Object> o) {
        return str(map(o, "status"), "phase");
    }

    static void own(Map<String, Object> child, Map<String, Object> owner) {
        map(child, "metadata").put("ownerReferences",
                Json.list(Json.obj("kind", kind(owner), "name", name(owner), "uid", uid(owner), "controller", true)));
    }

    /** The name of the controlling owner (the server an owned object belongs to), or null. */
    @SuppressWarnings("unchecked")
    static String ownerName(Map<String, Object> o) {
        Object refs = map(o, "metadata").get("ownerReferences");
        if (!(refs instanceof List<?> l) || l.isEmpty()) return null;
        return (String) ((Map<String, Object>) l.getFirst()).get("name");
    }

    @SuppressWarnings("unchecked")
    static String ownerUid(Map<String, Object> o) {
        Object refs = map(o, "metadata").get("ownerReferences");
        if (!(refs instanceof List<?> l) || l.isEmpty()) return null;
        return String.valueOf(((Map<String, Object>) l.getFirst()).get("uid"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Object list) {
        var out = new ArrayList<Map<String, Object>>();
        for (Object o : (List<Object>) list) out.add((Map<String, Object>) o);
        return out;
    }
}
