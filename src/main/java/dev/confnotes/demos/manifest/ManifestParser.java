package dev.confnotes.demos.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.confnotes.demos.runner.HeapBudget;

/**
 * Reads and checks a {@code demo.yml}. SafeConstructor only builds maps, lists and scalars, so a
 * manifest cannot make the server instantiate anything. Every problem names the key at fault.
 */
public final class ManifestParser {

    public static final Pattern DEMO_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

    private static final Pattern MAIN_FILE = Pattern.compile("[A-Z][A-Za-z0-9]{0,59}\\.java");

    private static final Pattern JVM_FLAG = Pattern.compile("-[^\\s]{1,200}");

    /**
     * Flags that set the maximum heap other than {@code -Xmx}, or read flags from a file that could. The heap
     * budget of concurrent runs ({@link HeapBudget}) reads only {@code -Xmx}: one of these would let a run hold
     * more than it reserved.
     */
    private static final Pattern OTHER_HEAP_FLAG = Pattern
        .compile("-XX:[+-]?(MaxHeapSize|ErgoHeapSizeLimit|(Max|Min|Initial)RAM\\w*|VMOptionsFile|Flags)(=.*)?");

    /** An {@code -Xmx} the budget can read: a whole number with an optional k, m, g or t. */
    private static final Pattern XMX_FLAG = Pattern.compile("-Xmx[0-9]{1,19}[kKmMgGtT]?");

    private ManifestParser() {
    }

    public static DemoManifest parse(String folder, String yaml) {
        Object loaded;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            loaded = new Yaml(new SafeConstructor(options)).load(yaml);
        }
        catch (YAMLException ex) {
            throw new IllegalArgumentException("not valid YAML: " + ex.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("must be a YAML mapping");
        }
        String id = string(root, "id", true);
        if (!DEMO_ID.matcher(id).matches() || !id.equals(folder)) {
            throw new IllegalArgumentException("id '" + id + "' must match its folder and " + DEMO_ID.pattern());
        }
        String main = string(root, "main", false);
        main = main == null ? "Main.java" : main;
        if (!MAIN_FILE.matcher(main).matches()) {
            throw new IllegalArgumentException("main must name a .java file like Main.java");
        }
        List<String> jvmFlags = strings(root, "jvmFlags");
        jvmFlags.forEach(flag -> checkJvmFlag("jvmFlags", flag, flag));
        List<DemoManifest.Param> params = new ArrayList<>();
        for (Map<?, ?> p : maps(root, "params")) {
            DemoManifest.Param param = param(p);
            if (params.stream().anyMatch(other -> other.name().equals(param.name()))) {
                throw new IllegalArgumentException("params: '" + param.name() + "' appears twice");
            }
            params.add(param);
        }
        for (String gone : List.of("charts", "tree")) {
            if (root.containsKey(gone)) {
                throw new IllegalArgumentException("'" + gone + "' is replaced by views: (see demos/README.md)");
            }
        }
        List<DemoManifest.View> views = views(root);
        List<DemoManifest.Command> commands = new ArrayList<>();
        for (Map<?, ?> c : maps(root, "commands")) {
            String cmd = required(c, "cmd", "commands");
            if (!PARAM_NAME.matcher(cmd).matches()) {
                throw new IllegalArgumentException("commands: '" + cmd + "' must be a plain word");
            }
            commands.add(new DemoManifest.Command(cmd, strings(c, "args"), string(c, "label", false) == null ? cmd
                    : string(c, "label", false), string(c, "labelEn", false)));
        }
        List<DemoManifest.Preset> presets = new ArrayList<>();
        for (Map<?, ?> p : maps(root, "presets")) {
            Map<String, String> values = new LinkedHashMap<>();
            if (p.get("values") instanceof Map<?, ?> v) {
                v.forEach((k, value) -> values.put(String.valueOf(k), String.valueOf(value)));
            }
            values.keySet().forEach(k -> {
                if (params.stream().noneMatch(param -> param.name().equals(k))) {
                    throw new IllegalArgumentException("presets: '" + k + "' is not a parameter");
                }
            });
            presets.add(new DemoManifest.Preset(required(p, "name", "presets"), required(p, "label", "presets"),
                    string(p, "labelEn", false), values));
        }
        List<String> answers = strings(root, "answers");
        answers.forEach(keyword -> {
            if (keyword.isBlank() || keyword.length() > 60) {
                throw new IllegalArgumentException("answers: '" + keyword + "' must be a keyword of 1..60 characters");
            }
        });
        String compare = string(root, "compare", false);
        if (compare != null && params.stream()
            .noneMatch(param -> param.name().equals(compare) && param.type() == DemoManifest.Type.CHOICE
                    && param.choices().size() >= 2 && param.choices().size() <= 4)) {
            throw new IllegalArgumentException("compare: '" + compare + "' must name a choice param with 2..4 choices");
        }
        Map<String, DemoManifest.Wording> terms = wordings(root, "terms");
        Map<String, DemoManifest.Wording> events = wordings(root, "events");
        Map<String, DemoManifest.SummaryField> summary = summary(root);
        List<Step> steps = steps(root, summary, presets);
        DemoManifest.TestSettings test = test(root, params);
        int timeLimit = integer(root, "timeLimitSeconds", 60);
        int heapMb = integer(root, "heapMb", 64);
        if (timeLimit < 1 || timeLimit > 86_400 || heapMb < 8 || heapMb > 4096) {
            throw new IllegalArgumentException("timeLimitSeconds must be 1..86400 and heapMb 8..4096");
        }
        return new DemoManifest(id, required(root, "title", "manifest"), string(root, "titleEn", false),
                strings(root, "talks"), main, bool(root, "shared"), timeLimit, heapMb, jvmFlags, List.copyOf(params),
                views, List.copyOf(commands), List.copyOf(presets), answers, compare, steps, terms, events, summary,
                test);
    }

    /** The views in display order: each of a known kind, with a unique id, titles, and its kind's options. */
    private static List<DemoManifest.View> views(Map<?, ?> root) {
        List<DemoManifest.View> views = new ArrayList<>();
        for (Map<?, ?> v : maps(root, "views")) {
            String id = required(v, "id", "views");
            if (!PARAM_NAME.matcher(id).matches()) {
                throw new IllegalArgumentException("views: id '" + id + "' must match " + PARAM_NAME.pattern());
            }
            String where = "views." + id;
            String kindKey = required(v, "kind", where);
            ViewKind kind = ViewKind.of(kindKey).orElseThrow(() -> new IllegalArgumentException(where + ".kind: '"
                    + kindKey + "' must be one of " + ViewKind.keys()));
            if (views.stream().anyMatch(other -> other.id().equals(id))) {
                throw new IllegalArgumentException(where + ": the id appears twice");
            }
            Map<String, Object> options = new LinkedHashMap<>();
            v.forEach((key, value) -> {
                if (!ViewKind.COMMON.contains(String.valueOf(key))) {
                    options.put(String.valueOf(key), value);
                }
            });
            views.add(new DemoManifest.View(kind.key(), id, required(v, "title", where), required(v, "titleEn", where),
                    Collections.unmodifiableMap(kind.checked(options, where))));
        }
        return List.copyOf(views);
    }

    /** {@code key: {ko: ..., en: ...}}, both languages required. */
    private static Map<String, DemoManifest.Wording> wordings(Map<?, ?> root, String section) {
        Map<String, DemoManifest.Wording> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<?, ?>> e : entries(root, section).entrySet()) {
            String where = section + "." + e.getKey();
            out.put(e.getKey(), new DemoManifest.Wording(required(e.getValue(), "ko", where),
                    required(e.getValue(), "en", where)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, DemoManifest.SummaryField> summary(Map<?, ?> root) {
        Map<String, DemoManifest.SummaryField> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<?, ?>> e : entries(root, "summary").entrySet()) {
            String where = "summary." + e.getKey();
            out.put(e.getKey(), new DemoManifest.SummaryField(required(e.getValue(), "label", where),
                    required(e.getValue(), "labelEn", where), string(e.getValue(), "unit", false)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Step> steps(Map<?, ?> root, Map<String, DemoManifest.SummaryField> summary,
            List<DemoManifest.Preset> presets) {
        List<Step> steps = new ArrayList<>();
        for (Map<?, ?> s : maps(root, "steps")) {
            String id = required(s, "id", "steps");
            String where = "steps." + id;
            if (!PARAM_NAME.matcher(id.replace("-", "")).matches()) {
                throw new IllegalArgumentException(where + ": the id must be a plain word");
            }
            if (steps.stream().anyMatch(other -> other.id().equals(id))) {
                throw new IllegalArgumentException(where + ": the id appears twice");
            }
            String preset = string(s, "preset", false);
            if (preset != null && presets.stream().noneMatch(p -> p.name().equals(preset))) {
                throw new IllegalArgumentException(where + ".preset: '" + preset + "' is not a preset");
            }
            String when = string(s, "when", false);
            steps.add(new Step(id, required(s, "text", where), required(s, "textEn", where), preset, when,
                    Step.parse(when, summary.keySet(), where)));
        }
        return List.copyOf(steps);
    }

    /** {@code test: {params: {...}, args: [...]}}: params must be the manifest's, with values it accepts. */
    private static DemoManifest.TestSettings test(Map<?, ?> root, List<DemoManifest.Param> params) {
        Object value = root.get("test");
        if (value == null) {
            return DemoManifest.TestSettings.NONE;
        }
        if (!(value instanceof Map<?, ?> test)) {
            throw new IllegalArgumentException("test: must be a mapping of params and args");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (test.get("params") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> overrides.put(String.valueOf(k), String.valueOf(v)));
        }
        else if (test.get("params") != null) {
            throw new IllegalArgumentException("test.params: must be a mapping of param to value");
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            DemoManifest.Param param = params.stream().filter(p -> p.name().equals(e.getKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("test.params: '" + e.getKey() + "' is not a parameter"));
            List<FieldError> errors = new ArrayList<>();
            if (!ParamValidator.check(param, e.getValue(), errors)) {
                throw new IllegalArgumentException("test.params." + e.getKey() + ": " + errors.getFirst().message());
            }
        }
        List<String> args = strings(test, "args");
        args.forEach(arg -> {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("test.args: '" + arg + "' must look like --name=value");
            }
        });
        return new DemoManifest.TestSettings(Collections.unmodifiableMap(overrides), args);
    }

    /** A mapping of plain keys to mappings ({@code terms}, {@code events}, {@code summary}). */
    private static Map<String, Map<?, ?>> entries(Map<?, ?> root, String section) {
        Object value = root.get(section);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'" + section + "' must be a mapping");
        }
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(section + "." + k + ": must be a mapping");
            }
            out.put(String.valueOf(k), entry);
        });
        return out;
    }

    private static DemoManifest.Param param(Map<?, ?> p) {
        String name = required(p, "name", "params");
        if (!PARAM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("params: name '" + name + "' must match " + PARAM_NAME.pattern());
        }
        String where = "params." + name;
        DemoManifest.Type type;
        try {
            type = DemoManifest.Type.valueOf(required(p, "type", where).toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": type must be int, decimal, choice, boolean or text");
        }
        Number min = number(p, "min", where);
        Number max = number(p, "max", where);
        List<String> choices = strings(p, "choices");
        if (type == DemoManifest.Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(where + ": a choice needs choices");
        }
        Map<String, String> choiceLabels = choiceLabels(p, "choiceLabels", choices, where);
        Map<String, String> choiceLabelsEn = choiceLabels(p, "choiceLabelsEn", choices, where);
        String jvmTemplate = null;
        Map<String, String> jvmByValue = new LinkedHashMap<>();
        Object jvm = p.get("jvm");
        if (jvm instanceof String template) {
            jvmTemplate = template;
        }
        else if (jvm instanceof Map<?, ?> byValue) {
            byValue.forEach((k, v) -> jvmByValue.put(String.valueOf(k), String.valueOf(v)));
        }
        else if (jvm != null) {
            throw new IllegalArgumentException(where + ".jvm: must be a flag template or a map of value to flag");
        }
        if (jvmTemplate != null && type == DemoManifest.Type.TEXT) {
            // free text must never become part of a JVM flag
            throw new IllegalArgumentException(where + ": a text param cannot have a jvm template");
        }
        if (jvmTemplate != null && jvmTemplate.replace("{value}", "").startsWith("-Xmx")
                && (min == null || max == null || type != DemoManifest.Type.INT)) {
            throw new IllegalArgumentException(where + ": a param that sets -Xmx must be an int with min and max");
        }
        for (String flag : jvmTemplate != null ? List.of(jvmTemplate) : jvmByValue.values()) {
            // a template's -Xmx is checked with a stand-in value (its param's min and max bound the real one)
            checkJvmFlag(where + ".jvm", flag, flag.replace("{value}", "1"));
        }
        Object maxLength = p.get("maxLength");
        DemoManifest.Param param = new DemoManifest.Param(name, type, p.get("default") == null ? null
                : String.valueOf(p.get("default")), min, max, choices, choiceLabels, choiceLabelsEn, string(p, "unit", false),
                string(p, "label", false) == null ? name : string(p, "label", false), string(p, "labelEn", false),
                jvmTemplate, jvmByValue, maxLength instanceof Number n ? n.intValue() : null);
        if (param.defaultValue() == null) {
            throw new IllegalArgumentException(where + ": needs a default");
        }
        List<FieldError> errors = new ArrayList<>();
        ParamValidator.check(param, param.defaultValue(), errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(where + ": default " + errors.getFirst().message());
        }
        return param;
    }

    private static Map<String, String> choiceLabels(Map<?, ?> p, String key, List<String> choices, String where) {
        Map<String, String> labels = new LinkedHashMap<>();
        Object value = p.get(key);
        if (value instanceof Map<?, ?> given) {
            given.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        else if (value != null) {
            throw new IllegalArgumentException(where + "." + key + ": must be a mapping of choice to label");
        }
        labels.keySet().forEach(choice -> {
            if (!choices.contains(choice)) {
                throw new IllegalArgumentException(where + "." + key + ": '" + choice + "' is not a choice");
            }
        });
        return Collections.unmodifiableMap(labels);
    }

    /**
     * One JVM flag of a manifest: a single flag, and none that lets a run hold more heap than the budget reads.
     * The heap rules see {@code heapFlag}: the flag, or a param's template with a stand-in value; messages
     * quote the flag as written.
     */
    private static void checkJvmFlag(String where, String flag, String heapFlag) {
        if (!JVM_FLAG.matcher(flag).matches()) {
            throw new IllegalArgumentException(where + ": '" + flag + "' is not a single JVM flag");
        }
        if (OTHER_HEAP_FLAG.matcher(heapFlag).matches()) {
            throw new IllegalArgumentException(where + ": '" + flag + "' sets the maximum heap (or reads flags"
                    + " from a file); only -Xmx may, through heapMb or a param, so the heap budget of runs holds");
        }
        if (heapFlag.startsWith("-Xmx") && !XMX_FLAG.matcher(heapFlag).matches()) {
            throw new IllegalArgumentException(where + ": '" + flag + "' must be -Xmx<number>[k|m|g|t]");
        }
    }

    private static String required(Map<?, ?> map, String key, String where) {
        if (map.get(key) == null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        String value = string(map, key, true);
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is empty");
        }
        return value;
    }

    private static String string(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("'" + key + "' is missing");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("'" + key + "' must be a plain value");
        }
        return String.valueOf(value);
    }

    private static Number number(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a number");
        }
    }

    private static int integer(Map<?, ?> map, String key, int fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number");
    }

    private static boolean bool(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false");
    }

    private static List<String> strings(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static List<Map<?, ?>> maps(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof Map))) {
            throw new IllegalArgumentException("'" + key + "' must be a list of mappings");
        }
        return list.stream().<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
    }
}
