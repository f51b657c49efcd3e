package dev.confnotes.demos.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of view a manifest's {@code views:} may list, in one place. Each kind names the options it
 * takes and checks them when the manifest loads; the panel has one fragment, one script and its styles per
 * kind (see demos/README.md, "A new view kind"). A bad option skips the demo with a message naming the key.
 */
public enum ViewKind {

    /** Metrics over time ({@code metric} lines); {@code style: histogram} buckets the first series' values. */
    LINE("line", "unit", "style", "series", "marks") {
        @Override
        void check(Map<String, Object> options, String where) {
            text(options, "unit", where);
            String style = oneOf(options, "style", where, "line", "histogram");
            options.put("style", style == null ? "line" : style);
            List<Map<String, Object>> series = labelled(options, "series", "metric", where);
            if (series.isEmpty()) {
                throw new IllegalArgumentException(where + ".series: needs at least one {metric, label, labelEn}");
            }
            series.forEach(s -> {
                if (!METRIC.matcher(String.valueOf(s.get("metric"))).matches()) {
                    throw new IllegalArgumentException(where + ".series: '" + s.get("metric")
                            + "' is not a metric name (a trailing * takes every metric with that prefix)");
                }
            });
            words(options, "marks", where);
        }
    },

    /** A live tree of {@code node} lines. */
    TREE("tree"),

    /** The {@code event} lines, worded by the manifest's {@code events}. */
    LOG("log"),

    /** Rows keyed by id ({@code row} lines), updated in place, sortable. */
    TABLE("table", "columns", "sortBy") {
        @Override
        void check(Map<String, Object> options, String where) {
            List<Map<String, Object>> columns = labelled(options, "columns", "key", where);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(where + ".columns: needs at least one {key, label, labelEn}");
            }
            for (Map<String, Object> column : columns) {
                Object type = column.getOrDefault("type", "text");
                if (!COLUMN_TYPES.contains(String.valueOf(type))) {
                    throw new IllegalArgumentException(where + ".columns." + column.get("key") + ".type: '" + type
                            + "' must be one of " + COLUMN_TYPES);
                }
                column.putIfAbsent("type", "text");
                allowOnly(column, where + ".columns." + column.get("key"), "key", "label", "labelEn", "type", "unit");
            }
            String sortBy = text(options, "sortBy", where);
            if (sortBy != null && columns.stream().noneMatch(c -> sortBy.equals(c.get("key")))) {
                throw new IllegalArgumentException(where + ".sortBy: '" + sortBy + "' is not a column key");
            }
        }
    },

    /** Spans ({@code span} lines) as a waterfall, critical path highlighted. */
    TIMELINE("timeline", "unit", "groups") {
        @Override
        void check(Map<String, Object> options, String where) {
            text(options, "unit", where);
            String groups = oneOf(options, "groups", where, "latest", "all");
            options.put("groups", groups == null ? "latest" : groups);
        }
    },

    /** A flame graph from folded stacks ({@code snapshot} lines), with a difference view of two snapshots. */
    FLAME("flame", "unit", "diff") {
        @Override
        void check(Map<String, Object> options, String where) {
            text(options, "unit", where);
            if (options.containsKey("diff")) {
                List<String> diff = strings(options, "diff", where);
                if (diff.size() != 2) {
                    throw new IllegalArgumentException(where + ".diff: must name two snapshot ids, like [before, after]");
                }
            }
        }
    },

    /** Time × log2 buckets ({@code snapshot} lines, one per column). */
    HEATMAP("heatmap", "unit") {
        @Override
        void check(Map<String, Object> options, String where) {
            text(options, "unit", where);
        }
    },

    /** A state diagram ({@code state} lines) whose current state lights up. */
    STATE("state", "states", "transitions") {
        @Override
        void check(Map<String, Object> options, String where) {
            List<String> states = strings(options, "states", where);
            if (states.isEmpty()) {
                throw new IllegalArgumentException(where + ".states: needs the states, like [Pending, Ready]");
            }
            Object transitions = options.get("transitions");
            if (transitions == null) {
                return;
            }
            if (!(transitions instanceof List<?> pairs)) {
                throw new IllegalArgumentException(where + ".transitions: must be a list of [from, to] pairs");
            }
            for (Object pair : pairs) {
                if (!(pair instanceof List<?> ends) || ends.size() != 2
                        || !states.contains(String.valueOf(ends.get(0))) || !states.contains(String.valueOf(ends.get(1)))) {
                    throw new IllegalArgumentException(where + ".transitions: " + pair
                            + " must be a [from, to] pair of listed states");
                }
            }
        }
    };

    static final Pattern METRIC = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]{0,59}\\*?");

    private static final Pattern WORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,59}");

    static final List<String> COLUMN_TYPES = List.of("text", "number", "badge");

    /** Keys every view has; the rest are the kind's options. */
    static final Set<String> COMMON = Set.of("kind", "id", "title", "titleEn");

    private final String key;

    private final List<String> options;

    ViewKind(String key, String... options) {
        this.key = key;
        this.options = List.of(options);
    }

    /** The name a manifest uses ({@code kind: line}) and the panel's fragment and script are named by. */
    public String key() {
        return key;
    }

    /** The options this kind takes, besides kind, id, title and titleEn. */
    public List<String> options() {
        return options;
    }

    public static Optional<ViewKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(ViewKind::key).toList();
    }

    /** Checks a view's options (a mutable copy, where defaults are filled in); unknown keys are refused. */
    Map<String, Object> checked(Map<String, Object> given, String where) {
        Map<String, Object> copy = new LinkedHashMap<>(given);
        allowOnly(copy, where, options.toArray(String[]::new));
        check(copy, where);
        return copy;
    }

    void check(Map<String, Object> options, String where) {
    }

    private static void allowOnly(Map<String, Object> options, String where, String... allowed) {
        List<String> known = List.of(allowed);
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": '" + key + "' is not an option of this view"
                        + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known) + ")"));
            }
        }
    }

    private static String text(Map<String, Object> options, String key, String where) {
        Object value = options.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(where + "." + key + ": must be a plain value");
        }
        return String.valueOf(value);
    }

    private static String oneOf(Map<String, Object> options, String key, String where, String... choices) {
        String value = text(options, key, where);
        if (value != null && !List.of(choices).contains(value)) {
            throw new IllegalArgumentException(where + "." + key + ": '" + value + "' must be one of "
                    + String.join(", ", choices));
        }
        return value;
    }

    private static List<String> strings(Map<String, Object> options, String key, String where) {
        Object value = options.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> e instanceof Map || e instanceof List)) {
            throw new IllegalArgumentException(where + "." + key + ": must be a list of plain values");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static void words(Map<String, Object> options, String key, String where) {
        for (String word : strings(options, key, where)) {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException(where + "." + key + ": '" + word + "' must be an event kind (a plain word)");
            }
        }
    }

    /**
     * A list of mappings each with an identifying key ({@code metric}, {@code key}) and a Korean {@code label}
     * with its English twin {@code labelEn}; the identifying keys are unique.
     */
    private static List<Map<String, Object>> labelled(Map<String, Object> options, String key, String idKey,
            String where) {
        Object value = options.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof Map))) {
            throw new IllegalArgumentException(where + "." + key + ": must be a list of {" + idKey
                    + ", label, labelEn} mappings");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : list) {
            Map<String, Object> item = new LinkedHashMap<>();
            ((Map<?, ?>) e).forEach((k, v) -> item.put(String.valueOf(k), v));
            Object id = item.get(idKey);
            if (id == null || String.valueOf(id).isBlank()) {
                throw new IllegalArgumentException(where + "." + key + ": an entry has no '" + idKey + "'");
            }
            String at = where + "." + key + "." + id;
            if (item.get("label") == null || item.get("labelEn") == null) {
                throw new IllegalArgumentException(at + ": needs label and labelEn (the legend and headers show them)");
            }
            if (out.stream().anyMatch(o -> String.valueOf(id).equals(String.valueOf(o.get(idKey))))) {
                throw new IllegalArgumentException(at + ": appears twice");
            }
            if ("metric".equals(idKey)) {
                allowOnly(item, at, "metric", "label", "labelEn");
            }
            out.add(item);
        }
        options.put(key, out);
        return out;
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
