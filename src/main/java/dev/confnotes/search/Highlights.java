package dev.confnotes.search;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Marks the query's words in the stored text of a hit: what the page shows as title, heading and
 * snippet. No highlighter and no index is involved: the words of the query, and the terms Nori makes
 * of them ({@code 테스트를} → {@code 테스트}), are looked for in the text with a case-insensitive scan
 * over its words. A word of the text is marked whole when it starts with one of them (so
 * {@code 고루틴} marks {@code 고루틴과}, and a word being typed marks what it begins), when it holds
 * one that starts with a symbol ({@code /proc} in {@code /proc/stat}), or when it holds a Hangul term
 * of two syllables or more ({@code 코드} in {@code 테스트코드를}: Korean compounds are written as one
 * word). Everything else is escaped; the output is safe HTML.
 * <p>
 * One instance per search: the analysis of the query words (a few tokens, microseconds) is done once.
 */
final class Highlights {

    /** A word of the text: the same characters a query word is made of (see {@link SearchRequest#tokens()}). */
    private static final Pattern WORD = SearchRequest.TOKEN;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * A Markdown list item's marker at the start of a line ({@code - }, {@code * }, {@code + },
     * {@code 1. }, {@code 2) }), as the notes' plain text keeps it: a snippet shows the item's words only.
     */
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^[ \\t]*(?:[-*+\u2022]|\\d{1,3}[.)])[ \\t]+");

    /** Joiners a marked word does not end with ({@code GOGC.} marks {@code GOGC}). */
    private static final String TRAILING = "./_-";

    /** What is looked for, lowercased, and which query word (by index) it stands for. */
    private final Map<String, Integer> needles;

    private final int words;

    private Highlights(Map<String, Integer> needles, int words) {
        this.needles = needles;
        this.words = words;
    }

    /**
     * @param tokens the words of the query
     * @param analysis what an analyzer makes of one query word (for Nori: its stems and compound
     *        parts); terms of one character are kept only when they are the whole word
     */
    static Highlights of(List<String> tokens, Function<String, List<String>> analysis) {
        return of(tokens, Map.of(), analysis);
    }

    /**
     * @param equivalents words of the equivalent terms of the query word at each index: marked where
     *        the text has them, so the snippet shows the word actually written (words of one
     *        character are not looked for)
     */
    static Highlights of(List<String> tokens, Map<Integer, List<String>> equivalents,
            Function<String, List<String>> analysis) {
        Map<String, Integer> needles = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i).toLowerCase(Locale.ROOT);
            needles.putIfAbsent(token, i);
            // the word without its particle, as it is searched: 고루틴과 marks 고루틴에서 too
            String stem = SynonymDictionary.withoutParticle(token);
            if (!stem.equals(token)) {
                needles.putIfAbsent(stem, i);
            }
            for (String term : analysis.apply(tokens.get(i))) {
                String lower = term.toLowerCase(Locale.ROOT);
                if (lower.codePointCount(0, lower.length()) >= 2 || lower.equals(token)) {
                    needles.putIfAbsent(lower, i);
                }
            }
        }
        equivalents.forEach((index, words) -> {
            for (String word : words) {
                String lower = word.toLowerCase(Locale.ROOT);
                if (lower.codePointCount(0, lower.length()) >= 2) {
                    needles.putIfAbsent(lower, index);
                }
            }
        });
        return new Highlights(needles, tokens.size());
    }

    /** The whole text (spaces collapsed), escaped, with its matches marked. */
    String whole(String text) {
        return mark(text == null ? "" : text, Integer.MAX_VALUE);
    }

    /**
     * About {@code maxChars} of the text around its best match (the one with the most distinct query
     * words after it; the first of those), cut at spaces, escaped, with matches marked and {@code …}
     * where text was cut; the start of the text when nothing matches. An empty text gives "".
     * Markdown list markers at the start of its lines are left out.
     */
    String fragment(String text, int maxChars) {
        return mark(text == null ? "" : LIST_MARKER.matcher(text).replaceAll(""), maxChars);
    }

    private String mark(String text, int maxChars) {
        String clean = SPACES.matcher(text).replaceAll(" ").strip();
        List<int[]> matches = matches(clean);
        int from = 0;
        int to = clean.length();
        if (clean.length() > maxChars) {
            int[] best = best(matches, maxChars);
            int anchor = best == null ? 0 : best[0];
            int anchorEnd = best == null ? 0 : best[1];
            from = Math.max(0, anchor - maxChars / 4);
            if (from > 0) {
                int space = clean.indexOf(' ', from);
                if (space >= 0 && space < anchor) {
                    from = space + 1;
                }
            }
            to = Math.min(clean.length(), from + maxChars);
            if (to < clean.length()) {
                int space = clean.lastIndexOf(' ', to);
                if (space >= anchorEnd && space > from + maxChars / 2) {
                    to = space;
                }
            }
        }
        StringBuilder out = new StringBuilder(to - from + 32);
        if (from > 0) {
            out.append("… ");
        }
        int at = from;
        for (int[] match : matches) {
            if (match[0] < from || match[1] > to) {
                continue;
            }
            out.append(HtmlUtils.htmlEscape(clean.substring(at, match[0])))
                .append("<mark>")
                .append(HtmlUtils.htmlEscape(clean.substring(match[0], match[1])))
                .append("</mark>");
            at = match[1];
        }
        out.append(HtmlUtils.htmlEscape(clean.substring(at, to)));
        if (to < clean.length()) {
            out.append(" …");
        }
        return out.toString().strip();
    }

    /** The marked words of the text: start, end, index of the query word. */
    List<int[]> matches(String text) {
        List<int[]> matches = new ArrayList<>();
        Matcher found = WORD.matcher(text);
        while (found.find()) {
            int start = found.start();
            int end = found.end();
            while (end > start + 1 && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            while (start < end - 1 && (text.charAt(start) == '.' || text.charAt(start) == '-')) {
                start++;
            }
            String word = text.substring(start, end).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Integer> needle : needles.entrySet()) {
                if (matches(word, needle.getKey())) {
                    matches.add(new int[] { start, end, needle.getValue() });
                    break;
                }
            }
        }
        return matches;
    }

    private static boolean matches(String word, String needle) {
        if (word.startsWith(needle)) {
            return true;
        }
        if (needle.length() > word.length()) {
            return false;
        }
        boolean symbolFirst = !Character.isLetterOrDigit(needle.codePointAt(0));
        boolean hangulCompound = needle.length() >= 2 && isHangul(needle);
        return (symbolFirst || hangulCompound) && word.contains(needle);
    }

    private static boolean isHangul(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) != Character.UnicodeScript.HANGUL) {
                return false;
            }
        }
        return true;
    }

    /** The match from which the next {@code maxChars * 3/4} characters hold the most distinct query words. */
    private int[] best(List<int[]> matches, int maxChars) {
        if (matches.isEmpty()) {
            return null;
        }
        int[] best = matches.getFirst();
        if (words < 2) {
            return best;
        }
        int bestCount = 0;
        int span = maxChars * 3 / 4;
        int candidates = Math.min(matches.size(), 64);
        for (int i = 0; i < candidates; i++) {
            int[] start = matches.get(i);
            BitSet seen = new BitSet(words);
            for (int j = i; j < matches.size() && matches.get(j)[1] <= start[0] + span; j++) {
                seen.set(matches.get(j)[2]);
            }
            int count = seen.cardinality();
            if (count > bestCount) {
                best = start;
                bestCount = count;
                if (count == words) {
                    break;
                }
            }
        }
        return best;
    }
}
