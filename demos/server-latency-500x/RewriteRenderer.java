import java.nio.charset.StandardCharsets;

/**
 * The rewrite's page: one builder, no format strings (the "zero allocation" style the talk's fiber
 * server was chosen for). With {@code bug} on it carries one planted difference: discounted prices
 * round halves to even, as Go's {@code fmt} and {@code math.RoundToEven} do, where the legacy
 * PHP {@code round()} takes them away from zero. Only prices ending in exactly .5 over an even
 * number differ, and then by one byte.
 */
final class RewriteRenderer {
    private final boolean bug;

    RewriteRenderer(boolean bug) {
        this.bug = bug;
    }

    byte[] render(PageData p) {
        var sb = new StringBuilder(512);
        sb.append("<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>").append(p.title())
                .append("</title></head><body>\n<h1>").append(p.title()).append("</h1>\n");
        sb.append(priceLine(p.price(), p.totalPct()));
        if (p.stock() == null) sb.append("<p class=\"stock\">재고 확인 불가</p>\n");
        else if (p.stock() == 0) sb.append("<p class=\"stock\">품절</p>\n");
        else {
            sb.append("<p class=\"stock\">재고 ").append(p.stock()).append("개");
            if (p.shippingDays() != null) sb.append(" · ").append(p.shippingDays()).append("일 배송");
            sb.append("</p>\n");
        }
        if (p.reviewCount() > 0) {
            sb.append("<section class=\"reviews\">");
            if (p.reviewsFailed()) sb.append("후기를 불러오지 못했습니다");
            else {
                long tenths = Math.round(p.reviewAverage() * 10);
                sb.append("★ ").append(tenths / 10).append('.').append(tenths % 10).append(" (").append(p.reviewCount())
                        .append(") ").append(p.reviewTop());
            }
            sb.append("</section>\n");
        }
        if (!p.recs().isEmpty()) sb.append("<section class=\"recs\">함께 본 상품: ").append(String.join(", ", p.recs())).append("</section>\n");
        if (p.guest()) sb.append("<footer>손님</footer>\n");
        else sb.append("<footer>").append(p.userName()).append("님 (").append(p.tier()).append(")</footer>\n");
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The price paragraph: the unit tests check this function. */
    String priceLine(long price, int pct) {
        var sb = new StringBuilder(96).append("<p class=\"price\">");
        if (pct == 0) return won(sb, price).append("</p>\n").toString();
        double exact = price * (100 - pct) / 100.0;
        long discounted = bug ? (long) Math.rint(exact) : Math.round(exact);
        sb.append("<del>");
        won(sb, price).append("</del> <b>");
        won(sb, discounted).append("</b> (").append(pct).append("% 할인)</p>\n");
        return sb.toString();
    }

    private static StringBuilder won(StringBuilder sb, long n) {
        String digits = Long.toString(n);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) sb.append(',');
            sb.append(digits.charAt(i));
        }
        return sb.append('원');
    }
}
