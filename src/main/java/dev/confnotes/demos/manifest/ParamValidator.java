package dev.confnotes.demos.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks run parameters against the manifest. Values only ever reach the program as single argv
 * elements ({@code --name=value}), never through a shell, so they are data whatever they contain.
 */
public final class ParamValidator {

    private static final int DEFAULT_TEXT_LENGTH = 100;

    /** A whole number as accepted: at most 18 digits (it fits a long), no exponent. */
    private static final Pattern INT_SYNTAX = Pattern.compile("[+-]?\\d{1,18}(\\.0{1,9})?");

    /** A decimal as accepted: at most 18 digits before the point and 9 after, no exponent. */
    private static final Pattern DECIMAL_SYNTAX = Pattern.compile("[+-]?\\d{1,18}(\\.\\d{1,9})?");

    private ParamValidator() {
    }

    public static Map<String, String> validate(DemoManifest manifest, Map<String, String> given) {
        List<FieldError> errors = new ArrayList<>();
        given.keySet().stream()
            .filter(name -> manifest.param(name).isEmpty())
            .sorted()
            .forEach(name -> errors.add(new FieldError(name, "unknown parameter", null, null, null)));
        Map<String, String> values = new LinkedHashMap<>();
        for (DemoManifest.Param param : manifest.params()) {
            String raw = given.get(param.name());
            String value = raw == null || raw.isBlank() ? param.defaultValue() : raw.strip();
            if (check(param, value, errors)) {
                values.put(param.name(), normalise(param, value));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidParamsException(errors);
        }
        return values;
    }

    static boolean check(DemoManifest.Param param, String value, List<FieldError> errors) {
        String name = param.name();
        switch (param.type()) {
            case INT, DECIMAL -> {
                boolean whole = param.type() == DemoManifest.Type.INT;
                // plain digits of bounded length only: no exponent, so nothing below can be made to build a
                // huge number or string, and the range is checked before any conversion
                if (!(whole ? INT_SYNTAX : DECIMAL_SYNTAX).matcher(value).matches()) {
                    errors.add(new FieldError(name, (whole ? "must be a whole number" : "must be a number")
                            + limits(param), param.min(), param.max(), null));
                    return false;
                }
                BigDecimal number = new BigDecimal(value);
                if ((param.min() != null && number.compareTo(new BigDecimal(param.min().toString())) < 0)
                        || (param.max() != null && number.compareTo(new BigDecimal(param.max().toString())) > 0)) {
                    errors.add(new FieldError(name, "must be between " + param.min() + " and " + param.max(),
                            param.min(), param.max(), null));
                    return false;
                }
                return true;
            }
            case CHOICE -> {
                if (!param.choices().contains(value)) {
                    errors.add(new FieldError(name, "must be one of " + String.join(", ", param.choices()), null, null,
                            param.choices()));
                    return false;
                }
                return true;
            }
            case BOOLEAN -> {
                if (!List.of("true", "false", "on").contains(value)) {
                    errors.add(new FieldError(name, "must be true or false", null, null, List.of("true", "false")));
                    return false;
                }
                return true;
            }
            case TEXT -> {
                int limit = param.maxLength() == null ? DEFAULT_TEXT_LENGTH : param.maxLength();
                if (value.length() > limit || value.chars().anyMatch(Character::isISOControl)) {
                    errors.add(new FieldError(name, "must be at most " + limit + " characters, no control characters",
                            0, limit, null));
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    private static String limits(DemoManifest.Param param) {
        if (param.min() == null && param.max() == null) {
            return " (plain digits, no exponent)";
        }
        return " between " + param.min() + " and " + param.max() + " (plain digits, no exponent)";
    }

    private static String normalise(DemoManifest.Param param, String value) {
        return switch (param.type()) {
            case INT -> new BigDecimal(value).toBigIntegerExact().toString();
            case DECIMAL -> new BigDecimal(value).stripTrailingZeros().toPlainString();
            case BOOLEAN -> String.valueOf(!"false".equals(value));
            default -> value;
        };
    }

    /** Bad parameters: a 400 naming each field and its limits. */
    public static final class InvalidParamsException extends RuntimeException {

        private final transient List<FieldError> errors;

        public InvalidParamsException(List<FieldError> errors) {
            super("invalid parameters: " + errors.stream().map(e -> e.field() + " " + e.message()).toList());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
