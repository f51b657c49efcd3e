package dev.confnotes.demos.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code demos/<id>/demo.yml} says: the program, its parameters, how to draw its output.
 * Labels come in Korean ({@code label}) with an optional English twin ({@code labelEn}).
 */
public record DemoManifest(String id, String title, String titleEn, List<String> talks, String main, boolean shared,
        boolean tree, int timeLimitSeconds, int heapMb, List<String> jvmFlags, List<Param> params,
        List<Chart> charts, List<Command> commands, List<Preset> presets, List<String> answers, String compare) {

    /** True when {@code text} names one of this demo's {@code answers} keywords (case-insensitive). */
    public boolean answers(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return answers.stream().anyMatch(keyword -> lower.contains(keyword.toLowerCase(Locale.ROOT)));
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

    /** The command buttons the panel shows: those that need no argument (node cancel lives in the tree). */
    public List<Command> buttons() {
        return commands.stream().filter(c -> c.args().isEmpty()).toList();
    }


    public String mainClass() {
        return main.substring(0, main.length() - ".java".length());
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
            Map<String, String> choiceLabels, String unit, String label, String labelEn, String jvmTemplate,
            Map<String, String> jvmByValue, Integer maxLength) {

        public String label(Locale locale) {
            return pick(locale, label, labelEn);
        }

        public String choiceLabel(String choice) {
            return choiceLabels.getOrDefault(choice, choice);
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
     * One chart; a series ending in {@code *} takes every metric starting with what precedes it.
     * {@code kind} is {@code line} (series over time) or {@code histogram} (the series' values
     * bucketed); {@code marks} lists event kinds drawn as markers on a line chart at their time.
     */
    public record Chart(String id, String title, String titleEn, String unit, List<String> series, String kind,
            List<String> marks) {

        public static final List<String> KINDS = List.of("line", "histogram");

        public String title(Locale locale) {
            return pick(locale, title, titleEn);
        }

        public String seriesList() {
            return String.join(",", series);
        }

        public String marksList() {
            return String.join(",", marks);
        }
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
