package dev.confnotes.demos.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code demos/<id>/demo.yml} says: the program, its parameters, its views, and the wording of what it
 * sends. Labels come in Korean ({@code label}) with an English twin ({@code labelEn}); a program sends kinds
 * and fields, and {@code terms}, {@code events} and {@code summary} put them into words in the reader's
 * language when they are shown (see {@link #wordingJson}).
 */
public record DemoManifest(String id, String title, String titleEn, List<String> talks, String main, boolean shared,
        int timeLimitSeconds, int heapMb, List<String> jvmFlags, List<Param> params, List<View> views,
        List<Command> commands, List<Preset> presets, List<String> answers, String compare, List<Step> steps,
        Map<String, Wording> terms, Map<String, Wording> events, Map<String, SummaryField> summary,
        TestSettings test) {

    /** True when {@code text} names one of this demo's {@code answers} keywords (case-insensitive). */
    public boolean answers(String text) {
        return answeringKeyword(text).isPresent();
    }

    /** The first of this demo's {@code answers} keywords that {@code text} names (case-insensitive). */
    public Optional<String> answeringKeyword(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return answers.stream().filter(keyword -> lower.contains(keyword.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The choice param a "compare" run starts once per choice, if the manifest names one. */
    public Optional<Param> compareParam() {
        return compare == null ? Optional.empty() : param(compare);
    }

    public String title(Locale locale) {
        return pick(locale, title, titleEn);
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public boolean hasCommand(String cmd) {
        return commands.stream().anyMatch(c -> c.cmd().equals(cmd));
    }

    /** True when a tree node can be canceled from the page (a command that takes the clicked node). */
    public boolean cancelsNodes() {
        return commands.stream().anyMatch(c -> c.args().contains("node"));
    }

    /** The command buttons the panel shows: those that need no argument (node cancel lives in the tree). */
    public List<Command> buttons() {
        return commands.stream().filter(c -> c.args().isEmpty()).toList();
    }

    public String mainClass() {
        return main.substring(0, main.length() - ".java".length());
    }

    /** One parameter of a run as a reader reads it: its label and its value (a choice's label, a unit). */
    public record ShownParam(String name, String label, String value) {
    }

    /** A run's parameters in the manifest's order, in the reader's language; a name the manifest lacks as it is. */
    public List<ShownParam> shown(Map<String, String> values, Locale locale) {
        List<ShownParam> shown = new java.util.ArrayList<>();
        values.forEach((name, value) -> shown.add(param(name)
            .map(p -> new ShownParam(name, p.label(locale), p.shown(value, locale)))
            .orElse(new ShownParam(name, name, value))));
        shown.sort(java.util.Comparator.comparingInt(p -> {
            int at = params.stream().map(Param::name).toList().indexOf(p.name());
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return List.copyOf(shown);
    }

    /** True when the manifest lists a view of this kind. */
    public boolean hasView(ViewKind kind) {
        return views.stream().anyMatch(v -> v.kind().equals(kind.key()));
    }

    /**
     * The manifest's wording in one language, as JSON for the panel's script:
     * {@code {"terms": {key: text}, "events": {kind: sentence}, "summary": {key: {"label": text, "unit": u}}}}.
     */
    public String wordingJson(Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> termWords = new LinkedHashMap<>();
        terms.forEach((k, w) -> termWords.put(k, w.in(locale)));
        Map<String, String> eventWords = new LinkedHashMap<>();
        events.forEach((k, w) -> eventWords.put(k, w.in(locale)));
        Map<String, Object> summaryWords = new LinkedHashMap<>();
        summary.forEach((k, f) -> {
            Map<String, String> field = new LinkedHashMap<>();
            field.put("label", f.label(locale));
            if (f.unit() != null) {
                field.put("unit", f.unit());
            }
            summaryWords.put(k, field);
        });
        out.put("terms", termWords);
        out.put("events", eventWords);
        out.put("summary", summaryWords);
        return JsonMapper.shared().writeValueAsString(out);
    }

    /** A string value in the reader's language: a {@code terms} key becomes its wording, anything else stays. */
    public String term(String value, Locale locale) {
        Wording wording = value == null ? null : terms.get(value);
        return wording == null ? value : wording.in(locale);
    }

    /** The ids of the steps a finished run's summary meets, in the manifest's order. */
    public List<String> stepsMetBy(Map<String, ?> summary) {
        return steps.stream().filter(s -> s.isMetBy(summary)).map(Step::id).toList();
    }

    static String pick(Locale locale, String ko, String en) {
        return locale != null && "en".equals(locale.getLanguage()) && en != null ? en : ko;
    }

    public enum Type {
        INT, DECIMAL, CHOICE, BOOLEAN, TEXT;

        public String inputType() {
            return switch (this) {
                case INT, DECIMAL -> "number";
                default -> "text";
            };
        }
    }

    /**
     * One parameter. {@code jvm} maps the value to a JVM flag: a template with {@code {value}} or, for a
     * choice or boolean, one flag per value.
     */
    public record Param(String name, Type type, String defaultValue, Number min, Number max, List<String> choices,
            Map<String, String> choiceLabels, Map<String, String> choiceLabelsEn, String unit, String label,
            String labelEn, String jvmTemplate, Map<String, String> jvmByValue, Integer maxLength) {

        public String label(Locale locale) {
            return pick(locale, label, labelEn);
        }

        /** The Korean label of a choice (the choice itself when it has none). */
        public String choiceLabel(String choice) {
            return choiceLabels.getOrDefault(choice, choice);
        }

        public String choiceLabel(String choice, Locale locale) {
            return pick(locale, choiceLabel(choice), choiceLabelsEn.get(choice));
        }

        /** A value as the reader reads it: a choice's label, a number with its unit. */
        public String shown(String value, Locale locale) {
            if (value == null) {
                return "";
            }
            if (type == Type.CHOICE) {
                return choiceLabel(value, locale);
            }
            return unit == null ? value : value + " " + unit;
        }

        public String step() {
            return type == Type.INT ? "1" : "any";
        }

        public Optional<String> jvmFlag(String value) {
            if (jvmTemplate != null) {
                return Optional.of(jvmTemplate.replace("{value}", value));
            }
            return Optional.ofNullable(jvmByValue.get(value));
        }
    }

    /**
     * One view of a run, of one of the {@link ViewKind kinds}, with the options of its kind as parsed (labels
     * keep {@code label} and {@code labelEn}; the panel's script picks the page's language).
     */
    public record View(String kind, String id, String title, String titleEn, Map<String, Object> options) {

        public String title(Locale locale) {
            return pick(locale, title, titleEn);
        }

        /** The options as one JSON object, for the view's script ({@code data-options}). */
        public String optionsJson() {
            return JsonMapper.shared().writeValueAsString(options);
        }
    }

    /** Korean and English words for a term or an event kind; an event's may hold {@code {field}}. */
    public record Wording(String ko, String en) {

        public String in(Locale locale) {
            return pick(locale, ko, en);
        }
    }

    /** The label of a summary key and the unit of its value. */
    public record SummaryField(String label, String labelEn, String unit) {

        public String label(Locale locale) {
            return pick(locale, label, labelEn);
        }
    }

    /**
     * What the content test runs a demo with, not shown to readers: param overrides so a default-shaped run
     * ends in seconds, and by-hand arguments for a program that would not end by itself.
     */
    public record TestSettings(Map<String, String> params, List<String> args) {

        public static final TestSettings NONE = new TestSettings(Map.of(), List.of());
    }

    public record Command(String cmd, List<String> args, String label, String labelEn) {

        public String label(Locale locale) {
            return pick(locale, label, labelEn);
        }
    }

    public record Preset(String name, String label, String labelEn, Map<String, String> values) {

        public String label(Locale locale) {
            return pick(locale, label, labelEn);
        }

        /** The values as {@code name=value;...}, read by the panel script to fill the form. */
        public String encoded() {
            StringBuilder out = new StringBuilder();
            values.forEach((k, v) -> out.append(out.isEmpty() ? "" : ";").append(k).append('=').append(v));
            return out.toString();
        }
    }
}
