import java.util.ArrayList;
import java.util.List;

/**
 * The rewrite's own unit tests of its price line, as its authors wrote them: a table of cases, run in
 * this program before any request. Two cases even end in .5 — over odd numbers, where rounding halves
 * to even and away from zero agree — so the planted bug passes them all.
 */
final class RewriteUnitTests {
    private RewriteUnitTests() {}

    record Case(long price, int pct, String expected) {}

    static final List<Case> CASES = List.of(
            new Case(12_000, 10, "<p class=\"price\"><del>12,000원</del> <b>10,800원</b> (10% 할인)</p>\n"),
            new Case(9_990, 0, "<p class=\"price\">9,990원</p>\n"),
            new Case(15_000, 25, "<p class=\"price\"><del>15,000원</del> <b>11,250원</b> (25% 할인)</p>\n"),
            new Case(1_234_565, 0, "<p class=\"price\">1,234,565원</p>\n"),
            new Case(995, 10, "<p class=\"price\"><del>995원</del> <b>896원</b> (10% 할인)</p>\n"),
            new Case(19_999, 15, "<p class=\"price\"><del>19,999원</del> <b>16,999원</b> (15% 할인)</p>\n"),
            new Case(100, 50, "<p class=\"price\"><del>100원</del> <b>50원</b> (50% 할인)</p>\n"),
            new Case(1_005, 30, "<p class=\"price\"><del>1,005원</del> <b>704원</b> (30% 할인)</p>\n"));

    /** The cases that failed (empty when all pass). */
    static List<Case> failures(RewriteRenderer renderer) {
        var failed = new ArrayList<Case>();
        for (Case c : CASES) {
            if (!renderer.priceLine(c.price(), c.pct()).equals(c.expected())) failed.add(c);
        }
        return failed;
    }
}
