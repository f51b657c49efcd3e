package dev.confnotes.search;

import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page. One URL, two answers: a plain request (and htmx restoring history) gets the whole
 * page, which works without JavaScript; an htmx request gets only the results fragment. Filter counts
 * are computed only where they are shown: on the search page (whole, or its fragment while typing
 * there), not for the header box's dropdown on other pages, which hides them.
 */
@Controller
class SearchController {

    static final String VIEW_SEARCH = "search/search";

    static final String VIEW_RESULTS = "search/search :: results";

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String day,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String speaker,
            @RequestParam(required = false) String company,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            @RequestHeader(name = "HX-Current-URL", required = false) String currentUrl,
            Model model, HttpServletResponse response) {
        SearchRequest request = SearchRequest.of(q, day, tag, speaker, company, SearchRequest.DEFAULT_LIMIT);
        boolean fragment = "true".equals(htmx) && !"true".equals(historyRestore);
        boolean dropdown = fragment && isDropdown(currentUrl);
        SearchResults results = search.search(request, !dropdown);
        model.addAttribute("results", results);
        model.addAttribute("query", request.query());
        model.addAttribute("dropdown", dropdown);
        model.addAttribute("queryCut", SearchRequest.isCut(q));
        model.addAttribute("clearFiltersHref", SearchService.href(
                new SearchRequest(request.query(), null, null, null, null, request.limit()), "q", request.query()));
        response.addHeader(HttpHeaders.VARY, "HX-Request, HX-Current-URL");
        return fragment ? VIEW_RESULTS : VIEW_SEARCH;
    }

    /**
     * Whether an htmx request comes from the header box of a page other than the search page (htmx
     * names the page in {@code HX-Current-URL}): its dropdown shows hits only. Unknown: the page.
     */
    static boolean isDropdown(String currentUrl) {
        if (currentUrl == null || currentUrl.isBlank()) {
            return false;
        }
        try {
            String path = URI.create(currentUrl.strip()).getPath();
            return path != null && !path.equals("/search");
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
