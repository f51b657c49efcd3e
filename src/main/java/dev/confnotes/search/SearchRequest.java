package dev.confnotes.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search as the user asked for it, made safe: the query cut to {@value #MAX_QUERY_LENGTH}
 * characters, blank filters and days that are not a number dropped, long filters cut, the limit clamped.
 * Nothing here is ever parsed as query syntax.
 *
 * @param query the words typed, stripped and cut; may be empty
 * @param day conference day to keep, or {@code null}
 * @param tag tag to keep, or {@code null}
 * @param speaker speaker to keep, or {@code null}
 * @param company company to keep, or {@code null}
 * @param limit most talks to return
 */
public record SearchRequest(String query, Integer day, String tag, String speaker, String company, int limit) {

    public static final int MAX_QUERY_LENGTH = 200;

    public static final int MAX_LIMIT = 50;

    public static final int DEFAULT_LIMIT = 10;

    static final int MAX_TOKENS = 12;

    private static final int MAX_FILTER_LENGTH = 100;

    /** A word of the query: letters and digits, with the joiners technical terms use. */
    static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{M}_/.+#-]+");

    public SearchRequest {
        query = clean(query, MAX_QUERY_LENGTH);
        if (query == null) {
            query = "";
        }
        day = day != null && day >= 1 && day <= 99 ? day : null;
        tag = clean(tag, MAX_FILTER_LENGTH);
        if (tag != null) {
            tag = tag.toLowerCase(java.util.Locale.ROOT);
        }
        speaker = clean(speaker, MAX_FILTER_LENGTH);
        company = clean(company, MAX_FILTER_LENGTH);
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    /** Builds a request from raw request parameters; anything malformed is dropped, never an error. */
    public static SearchRequest of(String query, String day, String tag, String speaker, String company, int limit) {
        return new SearchRequest(query, parseDay(day), tag, speaker, company, limit);
    }

    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, null, null, DEFAULT_LIMIT);
    }

    /** Whether this query, as sent, is longer than {@value #MAX_QUERY_LENGTH} characters and so is cut. */
    public static boolean isCut(String query) {
        String cleaned = clean(query, Integer.MAX_VALUE);
        return cleaned != null && cleaned.length() > MAX_QUERY_LENGTH;
    }

    public boolean isEmpty() {
        return tokens().isEmpty();
    }

    public boolean hasFilters() {
        return day != null || tag != null || speaker != null || company != null;
    }

    /**
     * The query as plain words: every character that is not part of a word (quotes, brackets,
     * operators, wildcards) is a separator; words with no letter or digit are dropped.
     */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(query);
        while (matcher.find() && tokens.size() < MAX_TOKENS) {
            String token = matcher.group();
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static Integer parseDay(String day) {
        if (day == null || day.isBlank() || day.length() > 2) {
            return null;
        }
        try {
            return Integer.valueOf(day.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String stripped = value.replaceAll("[\\p{Cntrl}&&[^\\t\\n]]", "").strip();
        if (stripped.length() > maxLength) {
            stripped = stripped.substring(0, maxLength);
            if (Character.isHighSurrogate(stripped.charAt(maxLength - 1))) {
                stripped = stripped.substring(0, maxLength - 1);
            }
        }
        return stripped.isEmpty() ? null : stripped;
    }
}
