package dev.confnotes.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request the server refuses before the app sees it (a malformed or over-long request
 * line, an ambiguous or {@code %00} path, oversized headers): a small page in the site's own words and
 * style, with the site's security headers, in place of Jetty's report; under {@code /api}, problem details.
 * It names the status only, never the server or the cause.
 */
final class SiteErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.ALL.forEach(headers::put);
        boolean api = isApi(request);
        headers.put(HttpHeader.CONTENT_TYPE, api ? "application/problem+json" : "text/html;charset=utf-8");
        byte[] body = (api ? problem(status) : page(status)).getBytes(StandardCharsets.UTF_8);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static boolean isApi(Request request) {
        String path = request.getHttpURI().getPath();
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** The JSON API's one error shape (RFC 9457), as {@link ApiProblems} writes it. */
    static String problem(int status) {
        return """
                {"type":"about:blank","title":"%s","status":%d}""".formatted(HttpStatus.getMessage(status), status);
    }

    static String page(int status) {
        return """
                <!DOCTYPE html>
                <html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$d · confnotes</title><link rel="stylesheet" href="/css/confnotes.css"></head>
                <body><main class="error-page"><h1>%1$d</h1>
                <p lang="ko">요청을 처리할 수 없습니다. 주소를 확인해 주세요.</p>
                <p lang="en">The request could not be processed. Please check the address.</p>
                <p><a href="/">confnotes</a></p></main></body></html>
                """.formatted(status);
    }
}
