package dev.confnotes.demos.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guided step: what to try ({@code text}, {@code textEn}), the preset it starts from, and the condition
 * on a finished run's summary that shows the reader found the effect ({@code when}, e.g.
 * {@code "sleepFailed > 0 and awaitFailed == 0"}). The condition is parsed when the manifest loads.
 */
public record Step(String id, String text, String textEn, String preset, String when, List<Clause> clauses) {

    private static final Pattern CLAUSE = Pattern.compile("\\s*([a-zA-Z][a-zA-Z0-9_]{0,59})\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

    private static final Pattern AND = Pattern.compile("\\s+and\\s+");

    private static final Pattern VALUE = Pattern.compile("-?\\d{1,18}(\\.\\d{1,9})?|true|false|[a-zA-Z][a-zA-Z0-9_.-]{0,59}");

    public String text(Locale locale) {
        return DemoManifest.pick(locale, text, textEn);
    }

    /** True when every clause holds for this summary; a key the summary lacks fails its clause. */
    public boolean isMetBy(Map<String, ?> summary) {
        return summary != null && clauses.stream().allMatch(c -> c.holdsFor(summary.get(c.key())));
    }

    /** One {@code key op value}; {@code value} is a number, true/false, or a plain word (a term). */
    public record Clause(String key, String op, String value) {

        boolean numeric() {
            return value.matches("-?[0-9.]+");
        }

        boolean holdsFor(Object actual) {
            if (actual == null) {
                return false;
            }
            if (numeric()) {
                BigDecimal have;
                try {
                    have = new BigDecimal(String.valueOf(actual));
                }
                catch (NumberFormatException ex) {
                    return false;
                }
                int c = have.compareTo(new BigDecimal(value));
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "==" -> c == 0;
                    default -> c != 0;
                };
            }
            boolean same = value.equals(String.valueOf(actual));
            return "==".equals(op) ? same : !same;
        }
    }

    /**
     * Parses {@code key op value [and key op value ...]}; every key must be a summary key the manifest words,
     * and only numbers are ordered ({@code < <= > >=}).
     */
    static List<Clause> parse(String when, Set<String> summaryKeys, String where) {
        if (when == null || when.isBlank()) {
            throw new IllegalArgumentException(where + ".when: is missing (e.g. \"pauseP99Ms > 50\")");
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : AND.split(when.strip())) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ".when: '" + part
                        + "' must be: summaryKey op value, op one of < <= > >= == !=, joined by 'and'");
            }
            Clause clause = new Clause(m.group(1), m.group(2), unquote(m.group(3)));
            if (!VALUE.matcher(clause.value()).matches()) {
                throw new IllegalArgumentException(where + ".when: '" + clause.value()
                        + "' must be a number, true, false or a plain word");
            }
            if (!summaryKeys.contains(clause.key())) {
                throw new IllegalArgumentException(where + ".when: '" + clause.key()
                        + "' is not a key of the manifest's summary");
            }
            if (!clause.numeric() && !List.of("==", "!=").contains(clause.op())) {
                throw new IllegalArgumentException(where + ".when: '" + part + "' orders a value that is not a number");
            }
            clauses.add(clause);
        }
        return List.copyOf(clauses);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
