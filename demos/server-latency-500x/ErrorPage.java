import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The page served when a call the page cannot do without fails. Rendering it is deliberately the
 * costly part of the error path (a help section of many formatted links), which is why the talk's
 * rewrite caches it instead of rendering it again for every failed request.
 */
final class ErrorPage {
    private ErrorPage() {}

    static byte[] render() {
        var html = new StringBuilder("<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>잠시 후 다시 시도해 주세요</title></head><body>\n");
        html.append("<h1>잠시 후 다시 시도해 주세요</h1>\n<ul class=\"help\">\n");
        for (int i = 1; i <= 400; i++) {
            html.append(String.format(Locale.ROOT, "<li><a href=\"/help/%03d\">도움말 %d: %s</a></li>\n", i, i,
                    Integer.toHexString(Integer.rotateLeft(i * 0x9E3779B9, 7))));
        }
        return html.append("</ul>\n</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
