package dev.confnotes.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import dev.confnotes.search.SearchResults.FacetValue;
import dev.confnotes.search.SearchResults.Facets;
import dev.confnotes.search.SearchResults.SectionHit;
import dev.confnotes.search.SearchResults.Suggestion;
import dev.confnotes.search.SearchResults.TalkHit;
import dev.confnotes.search.SynonymDictionary.Term;

/**
 * Runs searches. The query is never handed to a query parser: it is split into words (see
 * {@link SearchRequest#tokens()}) and each word must match one of the talk's fields through any of
 * the three analyses (Nori words, typed prefixes, technical terms), so a word being typed already
 * matches as a prefix. When no talk holds every word, talks holding some of them are shown instead.
 * The words are grouped into the terms of the synonym dictionary first ({@link Synonyms}): a term
 * matches as typed or, weighing far less, as any of its equivalents. A word the index does not know
 * gets a correction ({@link SpellingSuggester}), offered when the corrected query finds talks.
 */
@Service
public class SearchService {

    /** Section hits fetched per talk asked for (a talk shows up to {@value #SECTIONS_PER_TALK}). */
    private static final int SECTION_HITS_PER_TALK = 2;

    private static final int SECTIONS_PER_TALK = 3;

    private static final int FACET_VALUES = 30;

    private static final int SNIPPET_CHARS = 160;

    /** What the code analyzers need to find a term (see {@link SearchAnalysis#CODE_TOKEN}). */
    private static final Pattern HAS_CODE_TERM = Pattern.compile("[A-Za-z0-9]");

    /** An equivalent that Nori would split or drop, to be asked of the technical-term fields too. */
    private static final Pattern HAS_SYMBOL_OR_DIGIT = Pattern.compile("[0-9_/.+#-]");

    private static final AggregationKey<Map<Integer, Long>> DAYS = AggregationKey.of("days");

    private static final AggregationKey<Map<String, Long>> TAGS = AggregationKey.of("tags");

    private static final AggregationKey<Map<String, Long>> SPEAKERS = AggregationKey.of("speakers");

    private static final AggregationKey<Map<String, Long>> COMPANIES = AggregationKey.of("companies");

    private final EntityManagerFactory entityManagerFactory;

    private final SearchCache cache;

    private final IndexReadiness readiness;

    /**
     * What a match through an equivalent term weighs against the word as typed: far below it, so a
     * talk that uses the reader's own word comes before one that only has an equivalent (even one
     * that has it often), while talks found only through equivalents keep their order among themselves.
     */
    static final float EQUIVALENT_WEIGHT = 0.02f;

    /** A query finding at most this many talks, or only some of its words, is checked for slips. */
    static final int FEW_TALKS = 4;

    private final Synonyms synonyms;

    private final SpellingSuggester spelling;

    private volatile Analyzer korean;

    SearchService(EntityManagerFactory entityManagerFactory, IndexReadiness readiness, Synonyms synonyms,
            SpellingSuggester spelling, @Value("${confnotes.search.cache-size:256}") int cacheSize) {
        this.entityManagerFactory = entityManagerFactory;
        this.readiness = readiness;
        this.synonyms = synonyms;
        this.spelling = spelling;
        this.cache = new SearchCache(cacheSize);
        synonyms.onChange(this::invalidateCache);
    }

    public SearchResults search(SearchRequest request) {
        return search(request, true);
    }

    /**
     * @param withFacets whether to count talks per filter value (a second, cheap query)
     */
    public SearchResults search(SearchRequest request, boolean withFacets) {
        if (request.isEmpty()) {
            return SearchResults.empty(request);
        }
        // right after a start the index may still be being repaired: wait for it, never answer from it half-done
        readiness.await();
        return cache.get(new SearchCache.Key(request, withFacets), () -> searchIndex(request, withFacets));
    }

    /** The request's words as the dictionary groups them into terms, with their equivalents. */
    List<Term> expand(SearchRequest request) {
        return synonyms.dictionary().expand(request.tokens());
    }

    /** Forgets cached results; {@link SearchIndexer} calls it around every change to the index. */
    void invalidateCache() {
        cache.invalidate();
    }

    /** The search itself, never cached. */
    SearchResults searchIndex(SearchRequest request, boolean withFacets) {
        List<String> tokens = request.tokens();
        if (tokens.isEmpty()) {
            return SearchResults.empty(request);
        }
        List<Term> terms = synonyms.dictionary().expand(tokens);
        EntityManager em = entityManagerFactory.createEntityManager();
        try {
            SearchSession session = Search.session(em);
            boolean relaxed = false;
            List<TalkHit> talks = findTalks(session, request, tokens, terms, true);
            if (talks.isEmpty() && terms.size() > 1) {
                talks = findTalks(session, request, tokens, terms, false);
                relaxed = !talks.isEmpty();
            }
            // little found: a word the index does not know is a slip even when what Nori made of it matched (고로틴)
            Suggestion suggestion = talks.size() <= FEW_TALKS || relaxed ? suggest(session, request, tokens) : null;
            if (!withFacets) {
                return new SearchResults(request, talks, talks.size(), Facets.NONE, relaxed, suggestion);
            }
            boolean everyWord = !relaxed;
            SearchResult<Object> counted = session.search(TalkSection.class)
                .select(f -> f.id())
                .where(f -> f.bool().filter(matching(f, request, terms, everyWord, true)))
                .sort(f -> f.indexOrder())
                .aggregation(DAYS, f -> f.terms().field("day", Integer.class).maxTermCount(FACET_VALUES))
                .aggregation(TAGS, f -> f.terms().field("tag", String.class).maxTermCount(FACET_VALUES))
                .aggregation(SPEAKERS, f -> f.terms().field("speaker_facet", String.class).maxTermCount(FACET_VALUES))
                .aggregation(COMPANIES,
                        f -> f.terms().field("company_facet", String.class).maxTermCount(FACET_VALUES))
                .fetch(0);
            Facets facets = new Facets(facet(request, "day", counted.aggregation(DAYS), request.day()),
                    facet(request, "tag", counted.aggregation(TAGS), request.tag()),
                    facet(request, "speaker", counted.aggregation(SPEAKERS), request.speaker()),
                    facet(request, "company", counted.aggregation(COMPANIES), request.company()));
            return new SearchResults(request, talks, counted.total().hitCountLowerBound(), facets, relaxed,
                    suggestion);
        }
        finally {
            EntityManagerFactoryUtils.closeEntityManager(em);
        }
    }

    /**
     * A corrected query when a word of this one is unknown to the index, offered only when it finds
     * talks holding every word (the link runs it as it is, filters kept).
     */
    private Suggestion suggest(SearchSession session, SearchRequest request, List<String> tokens) {
        List<String> corrected = spelling.correct(tokens).orElse(null);
        if (corrected == null) {
            return null;
        }
        String query = String.join(" ", corrected);
        SearchRequest better = new SearchRequest(query, request.day(), request.tag(), request.speaker(),
                request.company(), request.limit());
        List<Term> terms = synonyms.dictionary().expand(better.tokens());
        int wouldFind = findTalks(session, better, better.tokens(), terms, true).size();
        return wouldFind > 0 ? new Suggestion(query, href(better, "q", query)) : null;
    }

    /**
     * The best sections, grouped by talk, in one query that ranks sections and projects their stored
     * fields (with no exact count of every match, so Lucene may skip what cannot make the top). The
     * matches in title, heading and body are marked here by {@link Highlights}, from the projected text:
     * no Lucene highlighter, which would re-analyse every shown text with Nori.
     */
    private List<TalkHit> findTalks(SearchSession session, SearchRequest request, List<String> tokens,
            List<Term> terms, boolean everyWord) {
        SearchPredicate predicate = matching(session.scope(TalkSection.class).predicate(), request, terms, everyWord,
                false);
        int wanted = request.limit() * SECTION_HITS_PER_TALK;
        List<List<?>> hits = session.search(TalkSection.class)
            .select(f -> f.composite()
                .from(f.id(Long.class), f.field("slug", String.class), f.field("anchor", String.class),
                        f.field("title", String.class), f.field("speaker_facet", String.class),
                        f.field("company_facet", String.class), f.field("day", Integer.class),
                        f.field("heading", String.class), f.score(), f.field("body", String.class))
                .asList())
            .where(predicate)
            .totalHitCountThreshold(wanted)
            .fetchHits(wanted);

        Map<String, List<List<?>>> shownBySlug = new LinkedHashMap<>();
        for (List<?> hit : hits) {
            String slug = (String) hit.get(1);
            List<List<?>> shown = shownBySlug.get(slug);
            if (shown == null) {
                if (shownBySlug.size() == request.limit()) {
                    continue;
                }
                shown = new ArrayList<>(SECTIONS_PER_TALK);
                shownBySlug.put(slug, shown);
            }
            if (shown.size() < SECTIONS_PER_TALK) {
                shown.add(hit);
            }
        }
        if (shownBySlug.isEmpty()) {
            return List.of();
        }
        Highlights marks = Highlights.of(tokens, equivalentWords(terms), this::analyze);
        List<TalkHit> talks = new ArrayList<>(shownBySlug.size());
        for (List<List<?>> shown : shownBySlug.values()) {
            List<?> best = shown.getFirst();
            String title = (String) best.get(3);
            String titleHtml = marks.whole(title);
            List<SectionHit> sections = new ArrayList<>(shown.size());
            for (List<?> hit : shown) {
                String heading = (String) hit.get(7);
                String headingHtml = marks.whole(heading);
                String snippet = marks.fragment((String) hit.get(9), SNIPPET_CHARS);
                sections.add(new SectionHit((String) hit.get(2), heading, headingHtml,
                        snippet.isEmpty() ? List.of() : List.of(snippet), (Float) hit.get(8)));
            }
            Integer day = (Integer) best.get(6);
            talks.add(new TalkHit((String) best.get(1), title, titleHtml, (String) best.get(4), (String) best.get(5),
                    day == null ? 0 : day, (Float) best.get(8), List.copyOf(sections)));
        }
        return talks;
    }

    /**
     * What Nori makes of one query word (its stems, compound parts, lowercased), for {@link Highlights}:
     * only the query is analysed, never the text shown.
     */
    private List<String> analyze(String token) {
        Analyzer analyzer = korean;
        if (analyzer == null) {
            analyzer = Search.mapping(entityManagerFactory)
                .backend()
                .unwrap(LuceneBackend.class)
                .analyzer(SearchAnalysis.KOREAN)
                .orElseThrow();
            korean = analyzer;
        }
        List<String> terms = new ArrayList<>(4);
        try (TokenStream stream = analyzer.tokenStream("highlight", token)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return terms;
    }

    /** The words, each in some field; filters; sections or whole talks. */
    private static SearchPredicate matching(SearchPredicateFactory f, SearchRequest request, List<Term> terms,
            boolean everyWord, boolean wholeTalks) {
        BooleanPredicateClausesStep<?, ?> bool = f.bool();
        bool.must(words(f, terms, everyWord));
        bool.filter(f.match().field("wholeTalk").matching(wholeTalks));
        if (request.day() != null) {
            bool.filter(f.match().field("day").matching(request.day()));
        }
        if (request.tag() != null) {
            bool.filter(f.match().field("tag").matching(request.tag()));
        }
        if (request.speaker() != null) {
            bool.filter(f.match().field("speaker_facet").matching(request.speaker()));
        }
        if (request.company() != null) {
            bool.filter(f.match().field("company_facet").matching(request.company()));
        }
        return bool.toPredicate();
    }

    /** Every term (or any term) of the query, each in some field, as typed or as an equivalent. */
    private static SearchPredicate words(SearchPredicateFactory f, List<Term> terms, boolean everyWord) {
        BooleanPredicateClausesStep<?, ?> words = f.bool();
        for (Term term : terms) {
            if (everyWord) {
                words.must(term(f, term));
            }
            else {
                words.should(term(f, term));
            }
        }
        return words.toPredicate();
    }

    /**
     * One term of the query: its words as typed (each in some field), or any of its equivalents,
     * which weigh {@value #EQUIVALENT_WEIGHT} of the typed words.
     */
    private static SearchPredicate term(SearchPredicateFactory f, Term term) {
        SearchPredicate typed;
        if (term.typed().size() == 1) {
            typed = word(f, term.typed().getFirst());
        }
        else {
            BooleanPredicateClausesStep<?, ?> all = f.bool();
            term.typed().forEach(token -> all.must(word(f, token)));
            typed = all.toPredicate();
        }
        if (!term.hasEquivalents()) {
            return typed;
        }
        BooleanPredicateClausesStep<?, ?> any = f.bool().should(typed);
        for (String equivalent : term.equivalents()) {
            any.should(equivalent(f, equivalent));
        }
        return any.toPredicate();
    }

    /**
     * An equivalent term: its words in this order in a Nori field (a phrase, so {@code garbage collection}
     * is not any text holding both words), or, for a term with a digit or symbol ({@code k8s},
     * {@code ci/cd}), as a technical term; a Hangul word also as the start of a written word
     * ({@code 고루틴} in {@code 고루틴과}: Nori splits some loanwords in ways a phrase may miss).
     */
    private static SearchPredicate equivalent(SearchPredicateFactory f, String equivalent) {
        BooleanPredicateClausesStep<?, ?> any = f.bool()
            .should(f.phrase()
                .field("title").boost(4f)
                .field("tags").boost(3f)
                .field("heading").boost(2f)
                .field("body")
                .matching(equivalent)
                .boost(2f * EQUIVALENT_WEIGHT));
        if (HAS_SYMBOL_OR_DIGIT.matcher(equivalent).find()) {
            any.should(f.match()
                .field("title_code").boost(3f)
                .field("heading_code").boost(1.5f)
                .field("body_code")
                .matching(equivalent)
                .boost(EQUIVALENT_WEIGHT));
        }
        if (equivalent.indexOf(' ') < 0 && equivalent.length() >= 2 && SynonymDictionary.isHangul(equivalent)) {
            any.should(f.match()
                .field("title_prefix").boost(2f)
                .field("tags_prefix").boost(1.5f)
                .field("heading_prefix")
                .field("body_prefix").boost(0.5f)
                .matching(equivalent)
                .boost(EQUIVALENT_WEIGHT));
        }
        return any.toPredicate();
    }

    /** The words of each term's equivalents, by the index of the term's first query word, for {@link Highlights}. */
    private static Map<Integer, List<String>> equivalentWords(List<Term> terms) {
        Map<Integer, List<String>> words = new LinkedHashMap<>();
        for (Term term : terms) {
            if (term.hasEquivalents()) {
                List<String> all = new ArrayList<>();
                for (String equivalent : term.equivalents()) {
                    all.addAll(List.of(equivalent.split(" ")));
                }
                words.put(term.from(), all);
            }
        }
        return words;
    }

    /**
     * One word against every field, through each analysis; the title weighs most. The technical-term
     * fields are asked only when the word holds a Latin letter or digit: otherwise their analyzer
     * leaves no term and the clause would only be a match-nothing query.
     */
    private static SearchPredicate word(SearchPredicateFactory f, String token) {
        BooleanPredicateClausesStep<?, ?> word = f.bool().should(nori(f, token)).should(prefix(f, token));
        String stem = SynonymDictionary.withoutParticle(token);
        if (!stem.equals(token)) {
            // The word without its particle, as the noun alone is searched: Nori, seeing a word alone, may read
            // its particle as a noun (가능의 → 가능 + 의 "righteousness") or misread the word (커버리지의).
            word.should(nori(f, stem)).should(prefix(f, stem));
        }
        if (HAS_CODE_TERM.matcher(token).find()) {
            word.should(f.match()
                .field("title_code").boost(3f)
                .field("heading_code").boost(1.5f)
                .field("body_code")
                .matching(token));
        }
        return word.toPredicate();
    }

    /** The word as the start of a written word (what is being typed; a loanword Nori splits). */
    private static SearchPredicate prefix(SearchPredicateFactory f, String word) {
        return f.match()
            .field("title_prefix").boost(2f)
            .field("speaker_prefix").boost(2f)
            .field("tags_prefix").boost(1.5f)
            .field("company_prefix").boost(1.5f)
            .field("heading_prefix")
            .field("body_prefix").boost(0.5f)
            .matching(word)
            .toPredicate();
    }

    /** The word in the Nori fields: every piece Nori makes of it (데이터센터 is not any text with 데이터). */
    private static SearchPredicate nori(SearchPredicateFactory f, String word) {
        return f.match()
            .field("title").boost(4f)
            .field("speaker").boost(3f)
            .field("tags").boost(3f)
            .field("company").boost(2f)
            .field("heading").boost(2f)
            .field("body")
            .matching(word)
            .minimumShouldMatchPercent(100)
            .boost(2f)
            .toPredicate();
    }

    private static List<FacetValue> facet(SearchRequest request, String name, Map<?, Long> counts, Object selected) {
        List<FacetValue> values = new ArrayList<>();
        counts.forEach((value, count) -> {
            if (count > 0 && value != null) {
                boolean isSelected = value.equals(selected);
                values.add(new FacetValue(value.toString(), count, isSelected,
                        href(request, name, isSelected ? null : value.toString())));
            }
        });
        return List.copyOf(values);
    }

    /** The search page's URL for this request with one filter set to a value, or removed. */
    static String href(SearchRequest request, String name, String value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", request.query());
        params.put("day", request.day());
        params.put("tag", request.tag());
        params.put("speaker", request.speaker());
        params.put("company", request.company());
        params.put(name, value);
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/search");
        params.forEach((key, v) -> {
            if (v != null && !v.toString().isEmpty()) {
                uri.queryParam(key, "{" + key + "}");
            }
        });
        Map<String, Object> present = new LinkedHashMap<>(params);
        present.values().removeIf(v -> v == null || v.toString().isEmpty());
        return uri.encode().buildAndExpand(present).toUriString();
    }

}
