package dev.confnotes.system;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tells the error pages what went wrong in words a reader can use, without showing exception messages:
 * {@code missing} is the kind of thing a 404 did not find ({@code talk}, {@code tag}, {@code demo},
 * {@code run}; {@code page} for any other address), from the reason "No such ..." the controllers give;
 * {@code missingParam} names the query parameter a 400 lacked.
 */
@Component
class PageErrorAttributes extends DefaultErrorAttributes {

    private static final Pattern NO_SUCH = Pattern.compile("No such (talk|tag|demo|run|comparison|shared demo)\\b.*");

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Throwable error = getError(request);
        if (Integer.valueOf(404).equals(attributes.get("status"))) {
            attributes.put("missing", missing(error));
        }
        if (error instanceof MissingServletRequestParameterException missingParam) {
            attributes.put("missingParam", missingParam.getParameterName());
        }
        return attributes;
    }

    static String missing(Throwable error) {
        if (error instanceof ResponseStatusException status && status.getReason() != null) {
            Matcher kind = NO_SUCH.matcher(status.getReason());
            if (kind.matches()) {
                return switch (kind.group(1)) {
                    case "comparison", "shared demo" -> "demo";
                    default -> kind.group(1);
                };
            }
        }
        return "page";
    }
}
