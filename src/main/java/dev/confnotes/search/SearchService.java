package dev.confnotes.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
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
import dev.confnotes.search.SearchResults.TalkHit;

/**
 * Runs searches. The query is never handed to a query parser: it is split into words (see
 * {@link SearchRequest#tokens()}) and each word must match one of the talk's fields through any of
 * the three analyses (Nori words, typed prefixes, technical terms), so a word being typed already
 * matches as a prefix. When no talk holds every word, talks holding some of them are shown instead.
 */
@Service
public class SearchService {

    /** Section hits fetched (and highlighted) per talk asked for: highlighting is most of a search's cost. */
    private static final int SECTION_HITS_PER_TALK = 2;

    private static final int SECTIONS_PER_TALK = 3;

    private static final int FACET_VALUES = 30;

    private static final String MARK_OPEN = "<mark>";

    private static final int SNIPPET_CHARS = 160;

    /** What the code analyzers need to find a term (see {@link SearchAnalysis#CODE_TOKEN}). */
    private static final Pattern HAS_CODE_TERM = Pattern.compile("[A-Za-z0-9]");

    private static final AggregationKey<Map<Integer, Long>> DAYS = AggregationKey.of("days");

    private static final AggregationKey<Map<String, Long>> TAGS = AggregationKey.of("tags");

    private static final AggregationKey<Map<String, Long>> SPEAKERS = AggregationKey.of("speakers");

    private static final AggregationKey<Map<String, Long>> COMPANIES = AggregationKey.of("companies");

    private final EntityManagerFactory entityManagerFactory;

    private final SearchCache cache;

    SearchService(EntityManagerFactory entityManagerFactory,
            @Value("${confnotes.search.cache-size:256}") int cacheSize) {
        this.entityManagerFactory = entityManagerFactory;
        this.cache = new SearchCache(cacheSize);
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
        return cache.get(new SearchCache.Key(request, withFacets), () -> searchIndex(request, withFacets));
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
        EntityManager em = entityManagerFactory.createEntityManager();
        try {
            SearchSession session = Search.session(em);
            boolean relaxed = false;
            List<TalkHit> talks = findTalks(session, request, tokens, true);
            if (talks.isEmpty() && tokens.size() > 1) {
                talks = findTalks(session, request, tokens, false);
                relaxed = !talks.isEmpty();
            }
            if (!withFacets) {
                return new SearchResults(request, talks, talks.size(), Facets.NONE, relaxed);
            }
            boolean everyWord = !relaxed;
            SearchResult<Object> counted = session.search(TalkSection.class)
                .select(f -> f.id())
                .where(f -> f.bool().filter(matching(f, request, tokens, everyWord, true)))
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
            return new SearchResults(request, talks, counted.total().hitCountLowerBound(), facets, relaxed);
        }
        finally {
            EntityManagerFactoryUtils.closeEntityManager(em);
        }
    }

    /**
     * The best sections, grouped by talk, in two queries: the first ranks sections and projects
     * their stored fields, with no highlighting (and no exact count of every match, so Lucene may
     * skip what cannot make the top); the second highlights only the sections that are shown.
     */
    private List<TalkHit> findTalks(SearchSession session, SearchRequest request, List<String> tokens,
            boolean everyWord) {
        SearchPredicate predicate = matching(session.scope(TalkSection.class).predicate(), request, tokens, everyWord,
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
        List<Long> shownIds = new ArrayList<>();
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
                shownIds.add((Long) hit.get(0));
            }
        }
        if (shownIds.isEmpty()) {
            return List.of();
        }
        Map<Long, List<?>> highlights = new HashMap<>();
        SearchPredicate queryWords = words(session.scope(TalkSection.class).predicate(), tokens, everyWord);
        for (List<?> highlighted : highlight(session, queryWords, shownIds)) {
            highlights.put((Long) highlighted.get(0), highlighted);
        }

        List<TalkHit> talks = new ArrayList<>(shownBySlug.size());
        for (List<List<?>> shown : shownBySlug.values()) {
            List<?> best = shown.getFirst();
            List<?> bestMarks = highlights.getOrDefault((Long) best.get(0), List.of());
            String title = (String) best.get(3);
            String titleHtml = Highlights.choose(strings(at(bestMarks, 1)), title, tokens, Integer.MAX_VALUE)
                .getFirst();
            List<SectionHit> sections = new ArrayList<>(shown.size());
            for (List<?> hit : shown) {
                List<?> marks = highlights.getOrDefault((Long) hit.get(0), List.of());
                String heading = (String) hit.get(7);
                String headingHtml = Highlights.choose(strings(at(marks, 2)), heading, tokens, Integer.MAX_VALUE)
                    .getFirst();
                List<String> words = strings(at(marks, 3));
                List<String> marked = Highlights.marksAnything(words) ? words : strings(at(marks, 4));
                List<String> snippets = Highlights.choose(marked, (String) hit.get(9), tokens, SNIPPET_CHARS);
                sections.add(new SectionHit((String) hit.get(2), heading, headingHtml,
                        snippets.getFirst().isEmpty() ? List.of() : snippets, (Float) hit.get(8)));
            }
            Integer day = (Integer) best.get(6);
            talks.add(new TalkHit((String) best.get(1), title, titleHtml, (String) best.get(4), (String) best.get(5),
                    day == null ? 0 : day, (Float) best.get(8), List.copyOf(sections)));
        }
        return talks;
    }

    /**
     * Highlights of the given sections for the {@code words} of the query, kept to those sections by
     * id (the filters are left out: the ids already apply them, and they hold no term of a highlighted
     * field). Lucene's plain highlighter re-analyses each highlighted text (Nori, for most fields) and
     * indexes it in memory, per section and field: it is the largest cost of a search, hence only for
     * the sections shown.
     */
    private static List<List<?>> highlight(SearchSession session, SearchPredicate words, List<Long> ids) {
        return session.search(TalkSection.class)
            .select(f -> f.composite()
                .from(f.id(Long.class), f.highlight("title").highlighter("whole"),
                        f.highlight("heading").highlighter("whole"), f.highlight("body"), f.highlight("body_code"))
                .asList())
            .where(f -> f.bool().must(words).filter(f.id().matchingAny(ids)))
            .sort(f -> f.indexOrder())
            .highlighter(h -> h.plain()
                .encoder(HighlighterEncoder.HTML)
                .tag(MARK_OPEN, "</mark>")
                .fragmentSize(SNIPPET_CHARS / 2)
                .numberOfFragments(2)
                .orderByScore(true))
            .highlighter("whole", h -> h.plain()
                .encoder(HighlighterEncoder.HTML)
                .tag(MARK_OPEN, "</mark>")
                .fragmentSize(1000)
                .numberOfFragments(1))
            .totalHitCountThreshold(ids.size())
            .fetchHits(ids.size());
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }

    /** The words, each in some field; filters; sections or whole talks. */
    private static SearchPredicate matching(SearchPredicateFactory f, SearchRequest request, List<String> tokens,
            boolean everyWord, boolean wholeTalks) {
        BooleanPredicateClausesStep<?, ?> bool = f.bool();
        bool.must(words(f, tokens, everyWord));
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

    /** Every word (or any word), each in some field. */
    private static SearchPredicate words(SearchPredicateFactory f, List<String> tokens, boolean everyWord) {
        BooleanPredicateClausesStep<?, ?> words = f.bool();
        for (String token : tokens) {
            if (everyWord) {
                words.must(word(f, token));
            }
            else {
                words.should(word(f, token));
            }
        }
        return words.toPredicate();
    }

    /**
     * One word against every field, through each analysis; the title weighs most. The technical-term
     * fields are asked only when the word holds a Latin letter or digit: otherwise their analyzer
     * leaves no term and the clause would only be a match-nothing query.
     */
    private static SearchPredicate word(SearchPredicateFactory f, String token) {
        BooleanPredicateClausesStep<?, ?> word = f.bool()
            .should(f.match()
                .field("title").boost(4f)
                .field("speaker").boost(3f)
                .field("tags").boost(3f)
                .field("company").boost(2f)
                .field("heading").boost(2f)
                .field("body")
                .matching(token)
                .boost(2f))
            .should(f.match()
                .field("title_prefix").boost(2f)
                .field("speaker_prefix").boost(2f)
                .field("tags_prefix").boost(1.5f)
                .field("company_prefix").boost(1.5f)
                .field("heading_prefix")
                .field("body_prefix").boost(0.5f)
                .matching(token));
        if (HAS_CODE_TERM.matcher(token).find()) {
            word.should(f.match()
                .field("title_code").boost(3f)
                .field("heading_code").boost(1.5f)
                .field("body_code")
                .matching(token));
        }
        return word.toPredicate();
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

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof Collection<?> c ? List.copyOf((Collection<String>) c) : List.of();
    }

}
