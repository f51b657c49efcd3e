import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's {@code relabel_config}, with its documented semantics: source label values joined by the
 * separator, the regex anchored at both ends, {@code $1}/{@code ${name}} expanded as Go's
 * {@code Regexp.Expand} does (so {@code $1x} names a group "1x", which is empty), and the actions
 * replace, keep, drop, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase, keepequal, dropequal.
 */
record Relabel(String action, List<String> sourceLabels, String separator, String regexText, String targetLabel,
        String replacement, long modulus, Pattern regex) {

    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A rule with Prometheus's defaults: separator {@code ;}, regex {@code (.*)}, replacement {@code $1}. */
    static Relabel of(String action, List<String> sourceLabels, String regex, String targetLabel, String replacement, long modulus) {
        String r = regex == null ? "(.*)" : regex;
        // Go's (?P<name>...) is Java's (?<name>...); (?s:...) as Prometheus compiles it, so . matches a newline
        Pattern p = Pattern.compile("^(?s:" + r.replace("(?P<", "(?<") + ")$");
        return new Relabel(action, sourceLabels == null ? List.of() : sourceLabels, ";", r, targetLabel,
                replacement == null ? "$1" : replacement, modulus, p);
    }

    /** How the targets table names a rule. */
    String describe(int index) {
        String src = sourceLabels.isEmpty() ? "" : " " + String.join(",", sourceLabels);
        String rx = regexText.equals("(.*)") ? "" : " =~ " + regexText;
        String tgt = targetLabel == null ? "" : " → " + targetLabel;
        return "#" + (index + 1) + " " + action + src + rx + tgt;
    }

    /** The labels after the rules, or as they were when a rule dropped the set ({@code droppedBy} its index, else -1). */
    record Outcome(TreeMap<String, String> labels, int droppedBy) {
        boolean dropped() {
            return droppedBy >= 0;
        }
    }

    /** Applies the rules in order, stopping at the first that drops the set. */
    static Outcome apply(List<Relabel> rules, Map<String, String> labels) {
        TreeMap<String, String> lb = new TreeMap<>(labels);
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).applyTo(lb)) return new Outcome(lb, i);
        }
        return new Outcome(lb, -1);
    }

    /** One rule on the label set in place; false when it drops the whole set. */
    boolean applyTo(TreeMap<String, String> lb) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < sourceLabels.size(); i++) {
            if (i > 0) joined.append(separator);
            joined.append(lb.getOrDefault(sourceLabels.get(i), ""));
        }
        String val = joined.toString();
        switch (action) {
            case "drop" -> {
                if (regex.matcher(val).matches()) return false;
            }
            case "keep" -> {
                if (!regex.matcher(val).matches()) return false;
            }
            case "dropequal" -> {
                if (lb.getOrDefault(targetLabel, "").equals(val)) return false;
            }
            case "keepequal" -> {
                if (!lb.getOrDefault(targetLabel, "").equals(val)) return false;
            }
            case "replace" -> {
                Matcher m = regex.matcher(val);
                if (!m.matches()) break;
                String target = expand(targetLabel, m);
                if (!LABEL_NAME.matcher(target).matches()) break;
                String res = expand(replacement, m);
                if (res.isEmpty()) lb.remove(target);
                else lb.put(target, res);
            }
            case "lowercase" -> lb.put(targetLabel, val.toLowerCase(java.util.Locale.ROOT));
            case "uppercase" -> lb.put(targetLabel, val.toUpperCase(java.util.Locale.ROOT));
            case "hashmod" -> lb.put(targetLabel, Long.toUnsignedString(Long.remainderUnsigned(sum64(md5(val)), modulus)));
            case "labelmap" -> {
                for (var e : List.copyOf(lb.entrySet())) {
                    Matcher m = regex.matcher(e.getKey());
                    if (m.matches()) lb.put(expand(replacement, m), e.getValue());
                }
            }
            case "labeldrop" -> lb.keySet().removeIf(name -> regex.matcher(name).matches());
            case "labelkeep" -> lb.keySet().removeIf(name -> !regex.matcher(name).matches());
            default -> throw new IllegalArgumentException("unknown relabel action " + action);
        }
        return true;
    }

    /** Go's {@code Regexp.Expand}: {@code $$} is a dollar, {@code $name} takes the longest run of word characters. */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            if (i < template.length() && template.charAt(i) == '{') {
                int close = template.indexOf('}', i);
                name = close < 0 ? "" : template.substring(i + 1, close);
                if (close < 0 || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_') || name.isEmpty()) {
                    out.append('$');
                    continue;
                }
                i = close + 1;
            }
            else {
                int end = i;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) end++;
                if (end == i) {
                    out.append('$');
                    continue;
                }
                name = template.substring(i, end);
                i = end;
            }
            String group = null;
            // a number without a leading zero is a group index; anything else is a group name
            if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9') && !(name.length() > 1 && name.charAt(0) == '0')) {
                int n = name.length() > 8 ? Integer.MAX_VALUE : Integer.parseInt(name);
                if (n <= m.groupCount()) group = m.group(n);
            }
            else {
                try {
                    group = m.group(name);
                }
                catch (IllegalArgumentException noSuchGroup) {
                    group = null;
                }
            }
            if (group != null) out.append(group);
        }
        return out.toString();
    }

    static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prometheus's {@code sum64}: each byte shifted by {@code (15 - i) * 8}; Go drops shifts of 64 bits or
     * more, so only the last eight bytes count, read big-endian.
     */
    static long sum64(byte[] hash) {
        long s = 0;
        for (int i = 8; i < 16; i++) s |= (hash[i] & 0xffL) << ((15 - i) * 8);
        return s;
    }
}
