import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One acceptance test as JSON: Given (the time, the wallets, the orders already paid), When (one HTTP
 * request), Then (the status, the body's fields, the events published, the wallets stored). Parsing
 * checks every key, so a misspelt step or field is named instead of silently ignored.
 */
record Scenario(String name, List<String> tags, Map<String, Object> given, Map<String, Object> when,
        Map<String, Object> then, List<Map<String, Object>> cases) {

    static final Set<String> STEPS = Set.of("name", "tags", "given", "when", "then", "cases");
    static final Set<String> GIVEN = Set.of("now", "wallets", "orders");
    static final Set<String> WHEN = Set.of("method", "path", "body");
    static final Set<String> THEN = Set.of("status", "body", "events", "wallets");

    /** A scenario file's text: one scenario object or a list of them. */
    static List<Scenario> parseAll(String text, String where) {
        Object doc;
        try {
            doc = demolib.Json.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getMessage() + ")");
        }
        List<?> items = doc instanceof List<?> l ? l : List.of(doc);
        var out = new ArrayList<Scenario>();
        for (int i = 0; i < items.size(); i++) out.add(parse(items.get(i), items.size() == 1 ? where : where + "[" + i + "]"));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Scenario parse(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + ": a scenario is a JSON object");
        for (Object key : m.keySet()) {
            if (!STEPS.contains(key)) throw new IllegalArgumentException(where + ": unknown step '" + key + "' (a scenario has name, tags, given, when, then, cases)");
        }
        if (!(m.get("name") instanceof String name) || name.isBlank()) throw new IllegalArgumentException(where + ": needs a \"name\"");
        String at = where + " '" + name + "'";
        Map<String, Object> given = section(m, "given", GIVEN, at);
        Map<String, Object> when = section(m, "when", WHEN, at);
        Map<String, Object> then = section(m, "then", THEN, at);
        if (!(when.get("method") instanceof String method) || !List.of("GET", "POST").contains(method)) {
            throw new IllegalArgumentException(at + ": when.method must be GET or POST");
        }
        if (!(when.get("path") instanceof String path) || !path.startsWith("/")) throw new IllegalArgumentException(at + ": when.path must start with /");
        if (!then.containsKey("status")) throw new IllegalArgumentException(at + ": then needs a status");
        var tags = new LinkedHashSet<String>();
        if (m.get("tags") instanceof List<?> l) l.forEach(t -> tags.add(String.valueOf(t)));
        else if (m.containsKey("tags")) throw new IllegalArgumentException(at + ": tags must be a list");
        List<Map<String, Object>> cases = new ArrayList<>();
        if (m.get("cases") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (!(l.get(i) instanceof Map<?, ?> c)) throw new IllegalArgumentException(at + ": cases[" + i + "] must be an object of values");
                cases.add((Map<String, Object>) c);
            }
        }
        else if (m.containsKey("cases")) throw new IllegalArgumentException(at + ": cases must be a list");
        return new Scenario(name, List.copyOf(tags), given, when, then, cases);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<?, ?> m, String step, Set<String> keys, String at) {
        Object v = m.get(step);
        if (v == null) {
            if ("given".equals(step)) return Map.of();
            throw new IllegalArgumentException(at + ": needs a \"" + step + "\" step");
        }
        if (!(v instanceof Map<?, ?> s)) throw new IllegalArgumentException(at + ": \"" + step + "\" must be an object");
        for (Object key : s.keySet()) {
            if (!keys.contains(key)) throw new IllegalArgumentException(at + ": unknown key '" + step + "." + key + "' (" + step + " takes " + String.join(", ", keys.stream().sorted().toList()) + ")");
        }
        return (Map<String, Object>) s;
    }
}
