package dev.confnotes.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Equivalent terms: Hangul loanword, English and abbreviation for one idea ({@code 가비지 컬렉션,
 * garbage collection, GC}). Read from text in the synonyms format (see README): one group per line,
 * terms separated by commas, a term of one or more words, {@code #} starting a comment line, case
 * ignored. A group naming a term another group names too joins it.
 * <p>
 * {@link #expand(List)} finds the terms among the words of a query, longest first, so that the
 * search can ask for each equivalent beside the words as typed. A query word with a particle attached
 * ({@code 컬렉션을}, {@code 쿠버네티스로}) is looked up without it; and a term of several Hangul words is
 * also known written as one ({@code 가비지컬렉션}), as Korean writers often do.
 */
final class SynonymDictionary {

    static final SynonymDictionary EMPTY = new SynonymDictionary(Map.of(), Set.of(), 0, 0);

    /** The most words a term may have: more is not a term but a sentence. */
    static final int MAX_TERM_WORDS = 5;

    /** The most equivalents asked for per term: each is one more clause in the query. */
    static final int MAX_EQUIVALENTS = 16;

    /**
     * Particles and endings a query word may carry, longest first; one is taken off only when what is
     * left is a word of the dictionary, so a word that merely ends like one ({@code 고도}) is left whole.
     */
    private static final List<String> PARTICLES = java.util.stream.Stream.of("으로부터", "에서부터", "에서는", "으로는", "이라는", "에서의", "에게서",
            "까지는", "부터는", "이라고", "하기", "하는", "해서", "하고", "했다", "한다", "된다", "되는", "에서", "으로", "까지", "부터",
            "에게", "한테", "처럼", "보다", "이나", "이랑", "에는", "로는", "과의", "와의", "이란", "라는", "이다", "을", "를",
            "이", "가", "은", "는", "의", "에", "로", "와", "과", "도", "만", "나", "랑", "란", "한", "된", "인")
        .sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .toList();

    /** Each known term (its words lowercased, joined by one space) and its equivalents. */
    private final Map<String, List<String>> equivalents;

    /** Every word of every term: what a particle may be taken off to reach. */
    private final Set<String> words;

    private final int maxWords;

    private final int groups;

    private SynonymDictionary(Map<String, List<String>> equivalents, Set<String> words, int maxWords, int groups) {
        this.equivalents = equivalents;
        this.words = words;
        this.maxWords = maxWords;
        this.groups = groups;
    }

    /** A span of the query: the words as typed, and what they are equivalent to (none for most words). */
    record Term(int from, List<String> typed, List<String> equivalents) {

        boolean hasEquivalents() {
            return !equivalents.isEmpty();
        }
    }

    /** A line that is not a group of terms. */
    record Problem(String source, int line, String message) {

        @Override
        public String toString() {
            return source + ":" + line + ": " + message;
        }
    }

    /** Reads the groups of each source in turn; a malformed line is reported and left out, never the rest. */
    static SynonymDictionary parse(Map<String, String> sources, List<Problem> problems) {
        Map<String, Set<String>> groupOf = new LinkedHashMap<>();
        int groups = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String[] lines = source.getValue().split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> terms = new ArrayList<>();
                String problem = null;
                for (String raw : line.split(",")) {
                    List<String> termWords = words(raw);
                    if (termWords.isEmpty()) {
                        problem = "an empty term (two commas in a row, or a comma at an end)";
                        break;
                    }
                    if (termWords.size() > MAX_TERM_WORDS) {
                        problem = "a term of more than " + MAX_TERM_WORDS + " words: " + raw.strip();
                        break;
                    }
                    terms.add(String.join(" ", termWords));
                    if (termWords.size() > 1 && termWords.stream().allMatch(SynonymDictionary::isHangul)) {
                        terms.add(String.join("", termWords));
                    }
                }
                if (problem == null && new LinkedHashSet<>(terms).size() < 2) {
                    problem = "a group needs at least two different terms, separated by commas";
                }
                if (problem != null) {
                    problems.add(new Problem(source.getKey(), i + 1, problem));
                    continue;
                }
                groups++;
                // one set for the group, shared by each of its terms; a term already in a group merges the two
                Set<String> group = new LinkedHashSet<>(terms);
                for (String term : terms) {
                    Set<String> other = groupOf.get(term);
                    if (other != null && other != group) {
                        group.addAll(other);
                    }
                }
                for (String term : group) {
                    groupOf.put(term, group);
                }
            }
        }
        Map<String, List<String>> equivalents = new LinkedHashMap<>();
        Set<String> words = new java.util.HashSet<>();
        int maxWords = 0;
        for (Map.Entry<String, Set<String>> entry : groupOf.entrySet()) {
            List<String> others = entry.getValue().stream().filter(t -> !t.equals(entry.getKey())).toList();
            equivalents.put(entry.getKey(), List.copyOf(others));
            String[] termWords = entry.getKey().split(" ");
            maxWords = Math.max(maxWords, termWords.length);
            words.addAll(List.of(termWords));
        }
        return new SynonymDictionary(Map.copyOf(equivalents), Set.copyOf(words), maxWords, groups);
    }

    /** Every word of every term, lowercased. */
    Set<String> words() {
        return words;
    }

    /**
     * The word without the particle or ending it carries ({@code 고루틴을} → {@code 고루틴}), whatever
     * the word; itself when it ends in none or too little would be left.
     */
    static String withoutParticle(String word) {
        for (String particle : PARTICLES) {
            if (word.length() >= particle.length() + 2 && word.endsWith(particle)) {
                return word.substring(0, word.length() - particle.length());
            }
        }
        return word;
    }

    /** How many groups were read. */
    int groups() {
        return groups;
    }

    /** The equivalents of one term (lowercased words joined by a space), for tests and tools. */
    List<String> equivalentsOf(String term) {
        return equivalents.getOrDefault(String.join(" ", words(term)), List.of());
    }

    /**
     * The query's words as terms: at each word, the longest run of words that is a term of the
     * dictionary, else the word alone with no equivalents. Every word is in exactly one term, in order.
     */
    List<Term> expand(List<String> tokens) {
        List<Term> terms = new ArrayList<>(tokens.size());
        if (equivalents.isEmpty()) {
            for (int i = 0; i < tokens.size(); i++) {
                terms.add(new Term(i, List.of(tokens.get(i)), List.of()));
            }
            return terms;
        }
        List<String> normal = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            normal.add(normalize(token));
        }
        int i = 0;
        while (i < tokens.size()) {
            int length = Math.min(maxWords, tokens.size() - i);
            List<String> found = null;
            for (; length >= 1; length--) {
                found = equivalents.get(String.join(" ", normal.subList(i, i + length)));
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                terms.add(new Term(i, List.of(tokens.get(i)), List.of()));
                i++;
            }
            else {
                terms.add(new Term(i, List.copyOf(tokens.subList(i, i + length)),
                        found.size() > MAX_EQUIVALENTS ? found.subList(0, MAX_EQUIVALENTS) : found));
                i += length;
            }
        }
        return terms;
    }

    /** A query word lowercased, and without the particle it carries when that leaves a dictionary word. */
    private String normalize(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (words.contains(lower) || lower.isEmpty() || !isHangul(lower.substring(lower.length() - 1))) {
            return lower;
        }
        for (String particle : PARTICLES) {
            if (lower.length() > particle.length() && lower.endsWith(particle)) {
                String stem = lower.substring(0, lower.length() - particle.length());
                if (words.contains(stem)) {
                    return stem;
                }
            }
        }
        return lower;
    }

    /** The words of a term, as the search splits a query into words, lowercased. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = SearchRequest.TOKEN.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    static boolean isHangul(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) != Character.UnicodeScript.HANGUL) {
                return false;
            }
        }
        return true;
    }
}
