package dev.confnotes.search;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.confnotes.system.ApiProblems;

/**
 * {@code GET /api/search}: the same search as the page, as JSON. A {@code limit} outside 1..50 (or
 * not a number) is refused with 400 and a message naming the field and its range, rather than
 * silently changed, so a client learns its mistake. No filter counts are computed (the answer has
 * none), so {@code total} is the number of talks returned.
 */
@RestController
class SearchApiController {

    private final SearchService search;

    SearchApiController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    ResponseEntity<?> search(@RequestParam(required = false) String q, @RequestParam(required = false) String day,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String speaker,
            @RequestParam(required = false) String company, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        Integer parsedLimit = parseLimit(limit);
        if (parsedLimit == null) {
            // the API's one error shape: problem details naming the field and its limits
            ProblemDetail problem = ApiProblems.of(HttpStatus.BAD_REQUEST,
                    "limit must be a whole number from 1 to " + SearchRequest.MAX_LIMIT, request);
            problem.setProperty("field", "limit");
            problem.setProperty("min", 1);
            problem.setProperty("max", SearchRequest.MAX_LIMIT);
            return ResponseEntity.badRequest().body(problem);
        }
        SearchResults results = search.search(SearchRequest.of(q, day, tag, speaker, company, parsedLimit), false);
        List<Hit> hits = results.talks().stream().map(Hit::of).toList();
        SearchResults.Suggestion suggestion = results.suggestion();
        return ResponseEntity.ok(new Response(results.request().query(), SearchRequest.isCut(q), results.talkCount(),
                results.relaxed(), suggestion == null ? null : suggestion.query(), hits));
    }

    private static Integer parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return SearchRequest.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            return value >= 1 && value <= SearchRequest.MAX_LIMIT ? value : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /**
     * @param cut whether the query sent was longer than {@value SearchRequest#MAX_QUERY_LENGTH}
     *        characters and {@code query} is its start
     * @param didYouMean a corrected query that finds talks, when a word of this one is unknown; or null
     */
    record Response(String query, boolean cut, long total, boolean relaxed, String didYouMean, List<Hit> results) {
    }

    /**
     * One talk. {@code snippets} and {@code sections[].heading} are HTML: escaped text with matched
     * words in {@code <mark>}.
     */
    record Hit(String slug, String title, String speaker, String company, int day, float score, String anchor,
            String url, List<String> snippets, List<Section> sections) {

        static Hit of(SearchResults.TalkHit talk) {
            return new Hit(talk.slug(), talk.title(), talk.speaker(), talk.company(), talk.day(), talk.score(),
                    talk.anchor(), talk.url(), talk.snippets(),
                    talk.sections().stream().map(s -> new Section(s.anchor(), s.headingHtml(), s.snippets())).toList());
        }
    }

    record Section(String anchor, String heading, List<String> snippets) {
    }
}
