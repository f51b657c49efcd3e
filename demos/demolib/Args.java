package demolib;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name=value} arguments, read with their limits. The runner validates against the manifest
 * first; a program run by hand still refuses a bad value with a clear message.
 */
public final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public static Args parse(String[] argv) {
        var m = new LinkedHashMap<String, String>();
        for (String a : argv) {
            if (!a.startsWith("--")) throw new IllegalArgumentException("arguments look like --name=value, got '" + a + "'");
            int eq = a.indexOf('=');
            if (eq < 0) m.put(a.substring(2), "true");
            else m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return new Args(m);
    }

    /** A program's body: it may throw whatever its work throws. */
    @FunctionalInterface
    public interface Body {
        void run(Args args) throws Exception;
    }

    /**
     * Runs a program's body: a bad argument becomes an {@code error} line of kind {@code badArgument}
     * (exit code 2), anything else it throws one of kind {@code internal} with the stack trace on stderr
     * (exit code 1), so both a person and the runner see what was wrong. A body that returns exits 0.
     */
    public static void run(String[] argv, Body body) {
        try {
            body.run(parse(argv));
        }
        catch (IllegalArgumentException ex) {
            Emit.error("badArgument", Json.obj("reason", ex.getMessage()), ex.getMessage());
            System.exit(2);
        }
        catch (Exception | Error ex) {
            ex.printStackTrace();
            Emit.error("internal", Json.obj("detail", String.valueOf(ex)), "internal error: " + ex);
            System.exit(1);
        }
        System.exit(0);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The raw value, or {@code fallback} when absent (only for arguments a person may leave out). */
    public String raw(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    private String required(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is missing");
        return v;
    }

    public int intArg(String name, int min, int max) {
        return (int) longArg(name, min, max);
    }

    /** An int with a default for by-hand runs that leave it out. */
    public int intArg(String name, int min, int max, int fallback) {
        return has(name) ? intArg(name, min, max) : fallback;
    }

    public long longArg(String name, long min, long max) {
        String v = required(name);
        long n;
        try {
            n = Long.parseLong(v.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max + ", got " + n);
        return n;
    }

    public double decimalArg(String name, double min, double max) {
        String v = required(name);
        double n;
        try {
            n = Double.parseDouble(v.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
        if (!(n >= min && n <= max)) throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max + ", got " + v);
        return n;
    }

    public String choiceArg(String name, String... choices) {
        String v = required(name);
        if (!List.of(choices).contains(v)) {
            throw new IllegalArgumentException("--" + name + " must be one of " + String.join("|", choices) + ", got '" + v + "'");
        }
        return v;
    }

    public boolean boolArg(String name) {
        String v = required(name);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + v + "'");
        };
    }

    public String textArg(String name, int maxLength) {
        String v = required(name);
        if (v.length() > maxLength) throw new IllegalArgumentException("--" + name + " must be at most " + maxLength + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("--" + name + " must not hold control characters");
        return v;
    }
}
