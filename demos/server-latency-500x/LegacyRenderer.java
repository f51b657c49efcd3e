import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The legacy server's page, written the way its PHP template was: string formatting per fragment.
 * It is the reference the rewrite must match byte for byte (bugs included).
 */
final class LegacyRenderer {
    private LegacyRenderer() {}

    static byte[] render(PageData p) {
        String html = "<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>" + p.title()
                + "</title></head><body>\n" + String.format(Locale.ROOT, "<h1>%s</h1>\n", p.title())
                + price(p) + stock(p) + reviews(p) + recs(p)
                + (p.guest() ? "<footer>손님</footer>\n" : String.format(Locale.ROOT, "<footer>%s님 (%s)</footer>\n", p.userName(), p.tier()))
                + "</body></html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static String price(PageData p) {
        if (p.totalPct() == 0) return String.format(Locale.ROOT, "<p class=\"price\">%,d원</p>\n", p.price());
        // PHP's round() takes halves away from zero; Math.round does the same for these positive prices
        long discounted = Math.round(p.price() * (100 - p.totalPct()) / 100.0);
        return String.format(Locale.ROOT, "<p class=\"price\"><del>%,d원</del> <b>%,d원</b> (%d%% 할인)</p>\n",
                p.price(), discounted, p.totalPct());
    }

    private static String stock(PageData p) {
        if (p.stock() == null) return "<p class=\"stock\">재고 확인 불가</p>\n";
        if (p.stock() == 0) return "<p class=\"stock\">품절</p>\n";
        if (p.shippingDays() == null) return String.format(Locale.ROOT, "<p class=\"stock\">재고 %d개</p>\n", p.stock());
        return String.format(Locale.ROOT, "<p class=\"stock\">재고 %d개 · %d일 배송</p>\n", p.stock(), p.shippingDays());
    }

    private static String reviews(PageData p) {
        if (p.reviewCount() == 0) return "";
        if (p.reviewsFailed()) return "<section class=\"reviews\">후기를 불러오지 못했습니다</section>\n";
        return String.format(Locale.ROOT, "<section class=\"reviews\">★ %.1f (%d) %s</section>\n", p.reviewAverage(),
                p.reviewCount(), p.reviewTop());
    }

    private static String recs(PageData p) {
        if (p.recs().isEmpty()) return "";
        return "<section class=\"recs\">함께 본 상품: " + String.join(", ", p.recs()) + "</section>\n";
    }
}
