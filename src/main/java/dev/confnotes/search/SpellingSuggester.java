package dev.confnotes.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManagerFactory;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.mapper.orm.Search;
import org.springframework.stereotype.Component;

/**
 * "Did you mean": for the words of a query the index does not know, the closest word it does know,
 * found by Lucene's {@link DirectSpellChecker} over the index's own terms (no separate spelling
 * index to keep in step) and by the same measure over the words of the synonym dictionary. Closeness
 * is {@link JamoDistance}: Hangul by its letters ({@code 고루팀}, {@code 고로틴} → {@code 고루틴}),
 * everything else by edit distance ({@code kubernets} → {@code kubernetes}). Hangul words are looked
 * up in the prefix fields, which hold every written word (Nori splits some loanwords), Latin ones in
 * the Nori fields, which hold whole words only (the prefix fields would offer {@code kubernet}).
 * A word carrying a particle is corrected without it and given it back ({@code 고루팀을} → {@code 고루틴을}).
 */
@Component
class SpellingSuggester {

    /** How alike a correction must be (see {@link JamoDistance}): one slip in a short word, two in a long one. */
    static final float ACCURACY = 0.7f;

    /** Words shorter than this are not corrected: too many words are one letter from them. */
    private static final int MIN_LATIN = 4;

    private static final int MIN_HANGUL = 2;

    private static final List<String> HANGUL_FIELDS = List.of("title_prefix", "heading_prefix", "body_prefix",
            "tags_prefix");

    private static final List<String> LATIN_FIELDS = List.of("title", "heading", "body", "tags");

    /** Fields whose terms say a word is known, as typed (lowercased): one of them finds it. */
    private static final List<String> KNOWN_FIELDS = List.of("title_prefix", "heading_prefix", "body_prefix",
            "tags_prefix", "speaker_prefix", "company_prefix", "title_code", "heading_code", "body_code");

    private static final int PREFIX_FIELD_MAX = 20;

    private static final java.util.regex.Pattern TRAILING = java.util.regex.Pattern.compile("[./_+#-]+$");

    /** Where a word passes from Hangul to another script or back. */
    private static final java.util.regex.Pattern SCRIPT_CHANGE = java.util.regex.Pattern
        .compile("(?<=\\p{IsHangul})(?=[^\\p{IsHangul}])|(?<=[^\\p{IsHangul}])(?=\\p{IsHangul})");

    private final EntityManagerFactory entityManagerFactory;

    private final Synonyms synonyms;

    private final JamoDistance distance = new JamoDistance();

    SpellingSuggester(EntityManagerFactory entityManagerFactory, Synonyms synonyms) {
        this.entityManagerFactory = entityManagerFactory;
        this.synonyms = synonyms;
    }

    /** The query's words with each unknown one corrected, or empty when none could be (or none needed it). */
    Optional<List<String>> correct(List<String> tokens) {
        try (IndexReader reader = Search.mapping(entityManagerFactory)
            .scope(TalkSection.class)
            .extension(LuceneExtension.get())
            .openIndexReader()) {
            List<String> corrected = new ArrayList<>(tokens.size());
            boolean changed = false;
            for (String token : tokens) {
                // a word ending a sentence (살펴본다.) or a path (/proc/) is known by what comes before
                String word = TRAILING.matcher(token.toLowerCase(Locale.ROOT)).replaceAll("");
                String better = word.isEmpty() || isKnown(reader, word) ? null : closest(reader, word);
                if (better == null) {
                    corrected.add(token);
                }
                else {
                    corrected.add(better);
                    changed = true;
                }
            }
            return changed ? Optional.of(List.copyOf(corrected)) : Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Whether the index (or the dictionary) has the word, or the word without its particle, or each
     * of its runs of one script ({@code API서버}, {@code Concurrent하게}: the prefix fields hold them apart).
     */
    private boolean isKnown(IndexReader reader, String word) throws IOException {
        if (has(reader, word)) {
            return true;
        }
        String stem = SynonymDictionary.withoutParticle(word);
        if (!stem.equals(word) && has(reader, stem)) {
            return true;
        }
        String[] runs = SCRIPT_CHANGE.split(word);
        if (runs.length < 2) {
            return false;
        }
        for (String run : runs) {
            if (!run.isEmpty() && !has(reader, run) && !has(reader, SynonymDictionary.withoutParticle(run))) {
                return false;
            }
        }
        return true;
    }

    private boolean has(IndexReader reader, String word) throws IOException {
        String prefix = word.length() > PREFIX_FIELD_MAX ? word.substring(0, PREFIX_FIELD_MAX) : word;
        for (String field : KNOWN_FIELDS) {
            if (reader.docFreq(new Term(field, field.endsWith("_prefix") ? prefix : word)) > 0) {
                return true;
            }
        }
        return synonyms.dictionary().words().contains(word);
    }

    /** The closest known word, the particle given back; null when nothing is close enough. */
    private String closest(IndexReader reader, String word) throws IOException {
        boolean hangul = SynonymDictionary.isHangul(word.substring(word.length() - 1));
        if (word.codePointCount(0, word.length()) < (hangul ? MIN_HANGUL : MIN_LATIN)) {
            return null;
        }
        Candidate best = closestTo(reader, word, hangul);
        String stem = hangul ? SynonymDictionary.withoutParticle(word) : word;
        if (!stem.equals(word)) {
            Candidate forStem = closestTo(reader, stem, true);
            if (forStem != null && (best == null || forStem.score() > best.score())) {
                best = new Candidate(forStem.word() + word.substring(stem.length()), forStem.score());
            }
        }
        return best == null ? null : best.word();
    }

    private record Candidate(String word, float score) {
    }

    private Candidate closestTo(IndexReader reader, String word, boolean hangul) throws IOException {
        DirectSpellChecker checker = checker(hangul);
        Candidate best = null;
        for (String field : hangul ? HANGUL_FIELDS : LATIN_FIELDS) {
            for (SuggestWord suggestion : checker.suggestSimilar(new Term(field, word), 1, reader,
                    SuggestMode.SUGGEST_ALWAYS)) {
                if (best == null || suggestion.score > best.score()) {
                    best = new Candidate(suggestion.string, suggestion.score);
                }
            }
        }
        for (String known : synonyms.dictionary().words()) {
            if (Math.abs(known.length() - word.length()) <= 2 && !known.equals(word)) {
                float score = distance.getDistance(word, known);
                if (score >= ACCURACY && (best == null || score > best.score())) {
                    best = new Candidate(known, score);
                }
            }
        }
        return best;
    }

    /** A checker per search: they are cheap, and not documented as safe to share between threads. */
    private DirectSpellChecker checker(boolean hangul) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setDistance(distance);
        checker.setAccuracy(ACCURACY);
        checker.setMaxEdits(2);
        // a Hangul syllable is a third of a word: its first one may be the slip; a Latin word's first letter rarely is
        checker.setMinPrefix(hangul ? 0 : 1);
        checker.setMinQueryLength(hangul ? MIN_HANGUL : MIN_LATIN);
        checker.setMaxQueryFrequency(1f);
        return checker;
    }
}
