import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import demolib.*;

/**
 * The service under test, two implementations of one HTTP API over injected {@link Infra}:
 * {@code GET /wallets/{id}}, {@code POST /wallets/{id}/charge {amount}}, {@code POST /wallets/{id}/pay
 * {amount, orderId}}. Points expire 365 days after the last charge; paying twice for one order is
 * answered once (idempotent).
 */
interface WalletService {
    Duration VALIDITY = Duration.ofDays(365);
    long MAX_AMOUNT = 1_000_000;

    /** An HTTP answer: status and JSON body. */
    record Answer(int status, Map<String, Object> body) {}

    Answer get(String id);

    Answer charge(String id, Object amount);

    Answer pay(String id, Object amount, Object orderId);

    static boolean validAmount(Object amount) {
        return amount instanceof Long n && n > 0 && n <= MAX_AMOUNT;
    }

    /** v1, the reference: what the scenarios were written against. */
    final class V1 implements WalletService {
        private final Infra infra;

        V1(Infra infra) {
            this.infra = infra;
        }

        private long usable(Infra.Wallet w) {
            // expired from the very instant the validity ends
            return infra.clock().instant().isBefore(w.expiresAt()) ? w.balance() : 0;
        }

        public Answer get(String id) {
            return infra.store().find(id).map(w -> new Answer(200, Json.obj("id", id, "balance", usable(w))))
                    .orElse(new Answer(404, Json.obj("error", "not-found")));
        }

        public Answer charge(String id, Object amount) {
            if (!validAmount(amount)) return new Answer(400, Json.obj("error", "bad-amount"));
            Instant now = infra.clock().instant();
            long before = infra.store().find(id).map(this::usable).orElse(0L);
            long balance = before + (Long) amount;
            infra.store().save(new Infra.Wallet(id, balance, now.plus(VALIDITY)));
            infra.bus().publish(Json.obj("type", "charged", "wallet", id, "amount", amount));
            return new Answer(200, Json.obj("balance", balance));
        }

        public Answer pay(String id, Object amount, Object orderId) {
            if (!validAmount(amount) || !(orderId instanceof String o) || o.isBlank()) return new Answer(400, Json.obj("error", "bad-amount"));
            var found = infra.store().find(id);
            if (found.isEmpty()) return new Answer(404, Json.obj("error", "not-found"));
            Infra.Wallet w = found.get();
            long balance = usable(w);
            if (infra.store().orderSeen(o)) return new Answer(200, Json.obj("balance", balance));
            if ((Long) amount > balance) return new Answer(409, Json.obj("error", "insufficient", "balance", balance));
            infra.store().save(new Infra.Wallet(id, balance - (Long) amount, w.expiresAt()));
            infra.store().markOrder(o);
            infra.bus().publish(Json.obj("type", "paid", "wallet", id, "amount", amount, "orderId", o));
            return new Answer(200, Json.obj("balance", balance - (Long) amount));
        }
    }

    /**
     * v2, the rewrite: the same API written again, as commands with a validation step and an apply step.
     * {@code regression} switches on one behavioural difference its own unit tests do not cover.
     */
    final class V2 implements WalletService {
        private final Infra infra;
        private final String regression;

        V2(Infra infra, String regression) {
            this.infra = infra;
            this.regression = regression;
        }

        private boolean expired(Infra.Wallet w) {
            Instant now = infra.clock().instant();
            // regression "expiry": still valid at the very instant the validity ends
            return "expiry".equals(regression) ? now.isAfter(w.expiresAt()) : !now.isBefore(w.expiresAt());
        }

        private long usable(Infra.Wallet w) {
            return expired(w) ? 0 : w.balance();
        }

        public Answer get(String id) {
            var w = infra.store().find(id);
            if (w.isEmpty()) return new Answer(404, Json.obj("error", "not-found"));
            return new Answer(200, Json.obj("id", id, "balance", usable(w.get())));
        }

        public Answer charge(String id, Object amount) {
            if (!validAmount(amount)) return new Answer(400, Json.obj("error", "bad-amount"));
            long add = (Long) amount;
            long balance = infra.store().find(id).map(this::usable).orElse(0L) + add;
            infra.store().save(new Infra.Wallet(id, balance, infra.clock().instant().plus(VALIDITY)));
            // regression "event": the charged event is never published
            if (!"event".equals(regression)) infra.bus().publish(Json.obj("type", "charged", "wallet", id, "amount", add));
            return new Answer(200, Json.obj("balance", balance));
        }

        public Answer pay(String id, Object amount, Object orderId) {
            boolean valid = validAmount(amount) && orderId instanceof String o && !o.isBlank();
            if (!valid) return new Answer(400, Json.obj("error", "bad-amount"));
            String order = (String) orderId;
            long take = (Long) amount;
            var w = infra.store().find(id).orElse(null);
            if (w == null) return new Answer(404, Json.obj("error", "not-found"));
            long balance = usable(w);
            // regression "idempotency": a repeated order is paid again
            if (!"idempotency".equals(regression) && infra.store().orderSeen(order)) return new Answer(200, Json.obj("balance", balance));
            // regression "boundary": paying exactly the balance is refused
            boolean enough = "boundary".equals(regression) ? balance > take : balance >= take;
            if (!enough) return new Answer(409, Json.obj("error", "insufficient", "balance", balance));
            infra.store().save(new Infra.Wallet(id, balance - take, w.expiresAt()));
            infra.store().markOrder(order);
            infra.bus().publish(Json.obj("type", "paid", "wallet", id, "amount", take, "orderId", order));
            return new Answer(200, Json.obj("balance", balance - take));
        }
    }
}
