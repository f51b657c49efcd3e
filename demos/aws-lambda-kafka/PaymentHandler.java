import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function's code: what a Lambda instance loads at its cold start. Every instance defines these
 * classes afresh in its own class loader, runs their static initialisers and makes its first,
 * interpreted calls, so the cost the demo measures is paid for real.
 */
public final class PaymentHandler implements Function<String, String> {
    private static final Pattern ORDER = Pattern.compile("order=(\\d+);customer=([\\w-]+);amount=(\\d+\\.\\d{2});currency=([A-Z]{3})");
    private static final Map<String, BigDecimal> RATES = Map.of("KRW", BigDecimal.ONE, "USD", new BigDecimal("1380.50"),
            "EUR", new BigDecimal("1502.25"));
    private static final List<Rule> RULES = List.of(new Rule("large", new BigDecimal("2000000"), 40),
            new Rule("medium", new BigDecimal("500000"), 10), new Rule("small", BigDecimal.ZERO, 1));

    private final MessageDigest sha;

    public PaymentHandler() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Order(long id, String customer, BigDecimal amount, String currency) {
        BigDecimal inWon() {
            return amount.multiply(RATES.getOrDefault(currency, BigDecimal.ONE)).setScale(0, RoundingMode.HALF_UP);
        }
    }

    record Rule(String name, BigDecimal above, int risk) {
    }

    record Receipt(long order, String idempotencyKey, int risk, String decision) {
        String text() {
            return String.format("%d:%s:%d:%s", order, idempotencyKey, risk, decision);
        }
    }

    static Order parse(String value) {
        Matcher m = ORDER.matcher(value);
        if (!m.matches()) throw new IllegalArgumentException("not an order: " + value);
        return new Order(Long.parseLong(m.group(1)), m.group(2), new BigDecimal(m.group(3)), m.group(4));
    }

    @Override
    public String apply(String value) {
        Order order = parse(value);
        BigDecimal won = order.inWon();
        int risk = RULES.stream().filter(r -> won.compareTo(r.above()) > 0).mapToInt(Rule::risk).findFirst().orElse(0);
        byte[] digest = sha.digest((order.customer() + "/" + order.id()).getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(digest, 0, 8);
        return new Receipt(order.id(), key, risk, risk >= 40 ? "review" : "approved").text();
    }
}
