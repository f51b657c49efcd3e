package dev.confnotes.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Turns what the highlighter found into what the page shows. Hibernate Search's highlighter (HTML
 * encoder: text escaped, matches in {@code <mark>}) marks the pieces Nori cut a word into, such as
 * {@code 고루<mark>틴</mark>과}; here a mark is widened to the whole word, so the reader sees
 * {@code <mark>고루틴과</mark>}. Where the highlighter marked nothing (the word matched only as a typed
 * prefix), words starting with a query word are marked here, with every character escaped.
 */
final class Highlights {

    private static final Pattern MARKED_WORD = Pattern
        .compile("([\\p{L}\\p{N}\\p{M}]*)<mark>(.*?)</mark>([\\p{L}\\p{N}\\p{M}]*)");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}_/.+#-]+");

    private Highlights() {
    }

    /**
     * The highlighter's fragments that mark something, widened to whole words; else a fragment of
     * {@code text} with prefix matches marked; else the start of {@code text}, escaped. Never empty:
     * an empty text gives one empty string.
     */
    static List<String> choose(List<String> highlighted, String text, List<String> tokens, int maxChars) {
        List<String> marked = highlighted.stream()
            .filter(h -> h.contains("<mark>"))
            .map(h -> widen(h.replaceAll("\\s+", " ").strip()))
            .toList();
        if (!marked.isEmpty()) {
            return marked;
        }
        return List.of(markPrefixes(text == null ? "" : text.replaceAll("\\s+", " ").strip(), tokens, maxChars));
    }

    static boolean marksAnything(List<String> highlighted) {
        return highlighted.stream().anyMatch(h -> h.contains("<mark>"));
    }

    /** Widens marks to whole words and joins marks that touch. Input and output are safe HTML. */
    static String widen(String html) {
        String joined = html.replace("</mark><mark>", "");
        Matcher matcher = MARKED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out,
                    Matcher.quoteReplacement("<mark>" + matcher.group(1) + matcher.group(2) + matcher.group(3) + "</mark>"));
        }
        matcher.appendTail(out);
        return out.toString().replace("</mark><mark>", "");
    }

    /**
     * Escapes {@code text} (cut to about {@code maxChars} around the first match) and marks each
     * word that starts with a query word, or holds one that starts with a symbol ({@code /proc}).
     */
    static String markPrefixes(String text, List<String> tokens, int maxChars) {
        List<String> needles = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        List<int[]> matches = new ArrayList<>();
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            for (String needle : needles) {
                boolean symbolFirst = !Character.isLetterOrDigit(needle.codePointAt(0));
                if (word.startsWith(needle) || (symbolFirst && word.contains(needle))) {
                    matches.add(new int[] { words.start(), words.end() });
                    break;
                }
            }
        }
        int from = 0;
        int to = text.length();
        if (text.length() > maxChars) {
            int first = matches.isEmpty() ? 0 : matches.getFirst()[0];
            from = Math.max(0, first - maxChars / 4);
            to = Math.min(text.length(), from + maxChars);
        }
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append("… ");
        }
        int at = from;
        for (int[] match : matches) {
            if (match[0] < from || match[1] > to) {
                continue;
            }
            out.append(HtmlUtils.htmlEscape(text.substring(at, match[0])))
                .append("<mark>")
                .append(HtmlUtils.htmlEscape(text.substring(match[0], match[1])))
                .append("</mark>");
            at = match[1];
        }
        out.append(HtmlUtils.htmlEscape(text.substring(at, to)));
        if (to < text.length()) {
            out.append(" …");
        }
        return out.toString().strip();
    }
}
