package dev.confnotes.system;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The header's language link: the same page, with the same query (a search, a comparison's runs), in the
 * other language. On an error page it is the address that failed, not {@code /error}.
 */
@ControllerAdvice
class LanguageLink {

    /** Servlet 6.1's {@code RequestDispatcher.ERROR_QUERY_STRING}, by name. */
    static final String ERROR_QUERY_STRING = "jakarta.servlet.error.query_string";

    @ModelAttribute("otherLanguage")
    String otherLanguage(HttpServletRequest request) {
        return "en".equals(RequestContextUtils.getLocale(request).getLanguage()) ? "ko" : "en";
    }

    @ModelAttribute("otherLanguageUrl")
    String otherLanguageUrl(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed != null ? failed.toString() : request.getRequestURI();
        Object query = failed != null ? request.getAttribute(ERROR_QUERY_STRING) : request.getQueryString();
        return switchTo(path, query == null ? null : query.toString(), otherLanguage(request));
    }

    /** {@code path?query} with {@code lang} set to {@code language}; the rest of the query as it was sent. */
    static String switchTo(String path, String query, String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        try {
            return UriComponentsBuilder.fromPath(path)
                .query(query)
                .replaceQueryParam("lang", lang)
                .build(true)
                .toUriString();
        }
        catch (IllegalArgumentException ex) {
            // a query that is not valid percent-encoding: keep the page, drop the query
            return UriComponentsBuilder.fromPath(path).queryParam("lang", lang).build().encode().toUriString();
        }
    }
}
