package dev.confnotes.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * The answer to a request Tomcat refuses before the app sees it (a malformed or over-long request line, an
 * encoded slash or {@code %00} in the path, oversized headers): a small page in the site's own words and
 * style, with the site's security headers, in place of Tomcat's report. It names the status only, never
 * the server or the cause.
 */
public final class SiteErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            SecurityHeadersFilter.apply(response);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(page(status));
            }
            response.finishResponse();
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was already sent: nothing more to say
        }
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
