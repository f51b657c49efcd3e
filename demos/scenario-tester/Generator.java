import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator: a scenario with {@code cases} is a template; each case gives values for its
 * {@code ${placeholders}} and becomes one test case. A string that is only a placeholder takes the
 * value's type (a number stays a number); one inside a longer string is spliced in as text.
 */
final class Generator {
    private Generator() {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

    /** One runnable case: its scenario, its name, its tags, and the steps with every value filled in. */
    record Case(String id, String scenario, String name, List<String> tags, Map<String, Object> given,
            Map<String, Object> when, Map<String, Object> then) {}

    static List<Case> expand(List<Scenario> scenarios) {
        var out = new ArrayList<Case>();
        int n = 0;
        for (Scenario s : scenarios) {
            if (s.cases().isEmpty()) {
                out.add(fill(++n, s, s.name(), Map.of()));
                continue;
            }
            for (Map<String, Object> values : s.cases()) {
                // a case is named by its plain values (lists and objects are expectations too long to read)
                var shown = new ArrayList<String>();
                values.forEach((k, v) -> {
                    if (!"tags".equals(k) && !(v instanceof Map<?, ?>) && !(v instanceof List<?>)) shown.add(k + "=" + v);
                });
                out.add(fill(++n, s, s.name() + " [" + String.join(", ", shown) + "]", values));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Case fill(int n, Scenario s, String name, Map<String, Object> values) {
        String where = "scenario '" + s.name() + "'";
        var tags = new LinkedHashSet<>(s.tags());
        if (values.get("tags") instanceof List<?> l) l.forEach(t -> tags.add(String.valueOf(t)));
        return new Case("c" + n, s.name(), name, List.copyOf(tags), (Map<String, Object>) substitute(s.given(), values, where),
                (Map<String, Object>) substitute(s.when(), values, where), (Map<String, Object>) substitute(s.then(), values, where));
    }

    static Object substitute(Object v, Map<String, Object> values, String where) {
        if (v instanceof String str) {
            Matcher whole = PLACEHOLDER.matcher(str);
            if (whole.matches()) return value(whole.group(1), values, where);
            Matcher m = PLACEHOLDER.matcher(str);
            var sb = new StringBuilder();
            while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(value(m.group(1), values, where))));
            m.appendTail(sb);
            return sb.toString();
        }
        if (v instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, x) -> out.put(String.valueOf(k), substitute(x, values, where)));
            return out;
        }
        if (v instanceof List<?> list) {
            var out = new ArrayList<Object>();
            list.forEach(x -> out.add(substitute(x, values, where)));
            return out;
        }
        return v;
    }

    private static Object value(String name, Map<String, Object> values, String where) {
        if (!values.containsKey(name)) throw new IllegalArgumentException(where + ": no value for ${" + name + "} (give it in each case)");
        return values.get(name);
    }
}
