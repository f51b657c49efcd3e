package dev.confnotes.search;

import java.util.List;

/**
 * What a search found: talks in order of their best section, each with up to three matching
 * sections, and how many talks each filter value would leave.
 *
 * @param request the request as it was understood
 * @param talks the matching talks, best first
 * @param talkCount how many talks match in all (may exceed {@code talks.size()})
 * @param facets counts per filter value over the matching talks
 * @param relaxed true when no talk held every word and talks holding some of them are shown
 * @param suggestion a corrected query that finds more, when this one found little; or {@code null}
 */
public record SearchResults(SearchRequest request, List<TalkHit> talks, long talkCount, Facets facets,
        boolean relaxed, Suggestion suggestion) {

    SearchResults(SearchRequest request, List<TalkHit> talks, long talkCount, Facets facets, boolean relaxed) {
        this(request, talks, talkCount, facets, relaxed, null);
    }

    static SearchResults empty(SearchRequest request) {
        return new SearchResults(request, List.of(), 0, Facets.NONE, false);
    }

    SearchResults withSuggestion(Suggestion suggestion) {
        return new SearchResults(request, talks, talkCount, facets, relaxed, suggestion);
    }

    /**
     * "Did you mean": the corrected query, and the search page for it with the same filters.
     */
    public record Suggestion(String query, String href) {
    }

    public boolean isEmptyQuery() {
        return request.isEmpty();
    }

    /**
     * One matching talk. The {@code *Html} values and snippets are safe HTML: text escaped, matched
     * words in {@code <mark>}.
     */
    public record TalkHit(String slug, String title, String titleHtml, String speaker, String company, int day,
            float score, List<SectionHit> sections) {

        /** The best section's anchor: where a click on the talk lands. */
        public String anchor() {
            return sections.getFirst().anchor();
        }

        public List<String> snippets() {
            return sections.getFirst().snippets();
        }

        public String url() {
            String anchor = anchor();
            return "/talks/" + slug + (anchor.isEmpty() ? "" : "#" + anchor);
        }
    }

    public record SectionHit(String anchor, String heading, String headingHtml, List<String> snippets, float score) {
    }

    public record Facets(List<FacetValue> days, List<FacetValue> tags, List<FacetValue> speakers,
            List<FacetValue> companies) {

        static final Facets NONE = new Facets(List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return days.isEmpty() && tags.isEmpty() && speakers.isEmpty() && companies.isEmpty();
        }
    }

    /**
     * @param value the filter value
     * @param count matching talks that have it
     * @param selected whether the search is filtered by it
     * @param href the search with this value toggled
     */
    public record FacetValue(String value, long count, boolean selected, String href) {
    }
}
