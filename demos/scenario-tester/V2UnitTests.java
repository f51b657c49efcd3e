import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * v2's own unit tests, as its authors wrote them: the service called directly over in-memory
 * infrastructure. They are green whichever regression is switched on, because none of them tries
 * the exact balance, a repeated order, the exact instant of expiry or the charged event.
 */
final class V2UnitTests {
    private V2UnitTests() {}

    record Test(String name, Function<WalletService, Boolean> check, Instant now) {}

    static final Instant NOW = Instant.parse("2023-08-06T10:00:00Z");

    static final List<Test> TESTS = List.of(
            new Test("pay part of the balance", s -> s.pay("w1", 300L, "o-1").body().get("balance").equals(700L), NOW),
            new Test("pay more than the balance", s -> s.pay("w1", 2000L, "o-2").status() == 409, NOW),
            new Test("charge a new wallet", s -> s.charge("w2", 500L).body().get("balance").equals(500L), NOW),
            new Test("read a wallet", s -> s.get("w1").body().get("balance").equals(1000L), NOW),
            new Test("long expired points are gone", s -> s.get("w1").body().get("balance").equals(0L), NOW.plus(WalletService.VALIDITY).plusSeconds(30 * 86400)),
            new Test("a zero amount is refused", s -> s.pay("w1", 0L, "o-3").status() == 400, NOW));

    /** The names of the tests that failed against v2 with this regression. */
    static List<String> failures(String regression) {
        var failed = new ArrayList<String>();
        for (Test t : TESTS) {
            var infra = new Infra(new Infra.MemoryStore(), new Infra.RecordingBus(), Clock.fixed(t.now(), ZoneOffset.UTC));
            infra.store().save(new Infra.Wallet("w1", 1000, NOW.plus(WalletService.VALIDITY)));
            boolean ok;
            try {
                ok = t.check().apply(new WalletService.V2(infra, regression));
            }
            catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) failed.add(t.name());
        }
        return failed;
    }
}
