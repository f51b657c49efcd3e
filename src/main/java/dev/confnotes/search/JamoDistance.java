package dev.confnotes.search;

import org.apache.lucene.search.spell.LuceneLevenshteinDistance;
import org.apache.lucene.search.spell.StringDistance;

/**
 * How alike two words are, Hangul compared by its letters (jamo) rather than whole syllables: each
 * syllable is taken apart into its initial consonant, vowel and final consonant before Lucene's own
 * edit distance (with transpositions) is measured, so {@code 고루팀} is one letter from {@code 고루틴}
 * and three from {@code 고루}. Other scripts are compared as they are. 1 means equal, 0 nothing alike.
 */
final class JamoDistance implements StringDistance {

    private static final int FIRST = 0xAC00;

    private static final int LAST = 0xD7A3;

    private static final int VOWELS = 21;

    private static final int FINALS = 28;

    private final StringDistance letters = new LuceneLevenshteinDistance();

    @Override
    public float getDistance(String a, String b) {
        return letters.getDistance(decompose(a), decompose(b));
    }

    /** The text with every Hangul syllable written as its conjoining jamo (U+1100 block). */
    static String decompose(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < FIRST || c > LAST) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() * 3).append(text, 0, i);
            }
            int index = c - FIRST;
            out.append((char) (0x1100 + index / (VOWELS * FINALS)));
            out.append((char) (0x1161 + index % (VOWELS * FINALS) / FINALS));
            int tail = index % FINALS;
            if (tail > 0) {
                out.append((char) (0x11A7 + tail));
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JamoDistance;
    }

    @Override
    public int hashCode() {
        return JamoDistance.class.hashCode();
    }
}
