import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Prometheus text exposition format (version 0.0.4): {@code # HELP} and {@code # TYPE}
 * lines, samples {@code name{label="value",...} value [timestamp]} with {@code \\}, {@code \"} and
 * {@code \n} escapes in label values, and the float spellings NaN, +Inf and -Inf. As in Prometheus, one
 * malformed line fails the whole scrape.
 */
final class TextFormat {
    private TextFormat() {}

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Parsed(List<Sample> samples, Map<String, String> types) {
    }

    static Parsed parse(String body) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = body.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String[] parts = line.substring(1).strip().split("\\s+", 3);
                if (parts.length >= 3 && parts[0].equals("TYPE")) types.put(parts[1], parts[2]);
                continue;
            }
            try {
                samples.add(sample(line));
            }
            catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage());
            }
        }
        return new Parsed(samples, types);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) i++;
        if (i == 0) throw new IllegalArgumentException("expected a metric name");
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (isNameChar(line.charAt(i), i == start) && line.charAt(i) != ':') i++;
                if (start == i) throw new IllegalArgumentException("expected a label name at " + i);
                String label = line.substring(start, i);
                i = skipSpaces(line, i);
                if (line.charAt(i) != '=') throw new IllegalArgumentException("expected '=' after " + label);
                i = skipSpaces(line, i + 1);
                if (line.charAt(i) != '"') throw new IllegalArgumentException("expected '\"' for " + label);
                i++;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("invalid escape \\" + e);
                        }
                    }
                    else {
                        value.append(c);
                    }
                }
                i++;
                if (labels.put(label, value.toString()) != null) throw new IllegalArgumentException("label " + label + " twice");
                i = skipSpaces(line, i);
                if (line.charAt(i) == ',') i++;
                else if (line.charAt(i) != '}') throw new IllegalArgumentException("expected ',' or '}'");
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) throw new IllegalArgumentException("expected a value");
        return new Sample(name, labels, value(rest[0]));
    }

    static double value(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                }
                catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + s);
                }
            }
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
