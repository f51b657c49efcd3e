package dev.confnotes.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standard security headers, on every response: the app's ({@link SecurityHeadersFilter}), the server's own
 * refusals ({@link SiteErrorHandler}) and kept pages answered ahead of the app. Scripts and styles come only
 * from this site's own files: no inline script, no eval, so notes or parameters that slip into a page cannot
 * run.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
            "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
            "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'");

    /** Name to value, in the order they are sent. */
    public static final Map<String, String> ALL = all();

    private SecurityHeaders() {
    }

    private static Map<String, String> all() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        return Collections.unmodifiableMap(headers);
    }
}
