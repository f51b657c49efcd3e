import java.util.List;
import java.util.Map;

/**
 * What a product page shows, gathered from the downstream answers. Both servers build it the same way
 * (the shared client library); they differ in how they call for it and how they render it.
 * {@code stock}, {@code shippingDays} and {@code reviewAverage} are null when unknown or not needed.
 */
record PageData(String userName, String tier, String title, long price, int discountPct, int couponPct,
        int reviewCount, Integer stock, Integer shippingDays, Double reviewAverage, String reviewTop,
        boolean reviewsFailed, List<String> recs) {

    static final Map<String, Object> GUEST = Map.of("name", "", "tier", "guest");

    boolean guest() {
        return "guest".equals(tier);
    }

    int totalPct() {
        return discountPct + couponPct;
    }

    /** Which optional calls this page needs, once the answers they depend on are known. */
    static boolean needsReviews(Map<String, Object> item) {
        return ((Number) item.get("reviewCount")).intValue() > 0;
    }

    static boolean needsRecs(Map<String, Object> profile) {
        return !"guest".equals(profile.get("tier"));
    }

    static boolean needsShipping(Map<String, Object> stock) {
        return stock != null && ((Number) stock.get("count")).intValue() > 0;
    }

    /** The page from the answers; null answers are calls that failed (or were not needed). */
    @SuppressWarnings("unchecked")
    static PageData of(Map<String, Object> profile, Map<String, Object> item, Map<String, Object> pricing,
            Map<String, Object> stock, Map<String, Object> reviews, Map<String, Object> recs,
            Map<String, Object> shipping) {
        int reviewCount = ((Number) item.get("reviewCount")).intValue();
        boolean guest = !needsRecs(profile);
        boolean inStock = needsShipping(stock);
        return new PageData((String) profile.get("name"), (String) profile.get("tier"), (String) item.get("title"),
                ((Number) item.get("price")).longValue(), ((Number) item.get("discountPct")).intValue(),
                ((Number) pricing.get("couponPct")).intValue(), reviewCount,
                stock == null ? null : ((Number) stock.get("count")).intValue(),
                !inStock || shipping == null ? null : ((Number) shipping.get("days")).intValue(),
                reviewCount == 0 || reviews == null ? null : ((Number) reviews.get("average")).doubleValue(),
                reviewCount == 0 || reviews == null ? null : (String) reviews.get("top"),
                reviewCount > 0 && reviews == null,
                guest || recs == null ? List.of() : (List<String>) recs.get("items"));
    }
}
