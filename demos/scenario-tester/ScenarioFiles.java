/**
 * The scenario files, as the JSON a team keeps beside its code (here in text blocks, so the program is
 * one folder of sources). Nothing in them knows which implementation or which infrastructure runs them.
 * Tags name the behaviour a scenario pins down.
 */
final class ScenarioFiles {
    private ScenarioFiles() {}

    static final String PAYMENTS = """
            [
              {"name": "pay part of the balance",
               "given": {"wallets": [{"id": "w1", "balance": 1000}]},
               "when": {"method": "POST", "path": "/wallets/w1/pay", "body": {"amount": 300, "orderId": "o-1"}},
               "then": {"status": 200, "body": {"balance": 700},
                        "events": [{"type": "paid", "wallet": "w1", "amount": 300, "orderId": "o-1"}],
                        "wallets": [{"id": "w1", "balance": 700}]}},
              {"name": "pay around the balance",
               "given": {"wallets": [{"id": "w1", "balance": 1000}]},
               "when": {"method": "POST", "path": "/wallets/w1/pay", "body": {"amount": "${amount}", "orderId": "o-${amount}"}},
               "then": {"status": "${status}", "body": {"balance": "${balance}"}, "events": "${events}"},
               "cases": [
                 {"amount": 999, "status": 200, "balance": 1, "events": [{"type": "paid", "wallet": "w1", "amount": 999, "orderId": "o-999"}]},
                 {"amount": 1000, "status": 200, "balance": 0, "tags": ["boundary"], "events": [{"type": "paid", "wallet": "w1", "amount": 1000, "orderId": "o-1000"}]},
                 {"amount": 1001, "status": 409, "balance": 1000, "events": []}]},
              {"name": "paying twice for one order pays once", "tags": ["idempotency"],
               "given": {"wallets": [{"id": "w1", "balance": 1000}], "orders": ["o-7"]},
               "when": {"method": "POST", "path": "/wallets/w1/pay", "body": {"amount": 400, "orderId": "o-7"}},
               "then": {"status": 200, "body": {"balance": 1000}, "events": [], "wallets": [{"id": "w1", "balance": 1000}]}},
              {"name": "pay from a wallet that does not exist",
               "when": {"method": "POST", "path": "/wallets/w9/pay", "body": {"amount": 100, "orderId": "o-2"}},
               "then": {"status": 404, "body": {"error": "not-found"}, "events": []}},
              {"name": "a bad amount is refused",
               "given": {"wallets": [{"id": "w1", "balance": 1000}]},
               "when": {"method": "POST", "path": "/wallets/w1/pay", "body": {"amount": "${amount}", "orderId": "o-3"}},
               "then": {"status": 400, "body": {"error": "bad-amount"}, "events": []},
               "cases": [{"amount": 0}, {"amount": -5}, {"amount": "100"}, {"amount": 1000001}]}
            ]
            """;

    static final String WALLET = """
            [
              {"name": "charge a new wallet", "tags": ["event"],
               "when": {"method": "POST", "path": "/wallets/w2/charge", "body": {"amount": 500}},
               "then": {"status": 200, "body": {"balance": 500},
                        "events": [{"type": "charged", "wallet": "w2", "amount": 500}],
                        "wallets": [{"id": "w2", "balance": 500, "expiresAt": "2024-08-05T10:00:00Z"}]}},
              {"name": "charging adds to what is left", "tags": ["event"],
               "given": {"wallets": [{"id": "w1", "balance": 1000}]},
               "when": {"method": "POST", "path": "/wallets/w1/charge", "body": {"amount": 250}},
               "then": {"status": 200, "body": {"balance": 1250}, "events": [{"type": "charged", "wallet": "w1", "amount": 250}]}},
              {"name": "read a wallet",
               "given": {"wallets": [{"id": "w1", "balance": 1000}]},
               "when": {"method": "GET", "path": "/wallets/w1"},
               "then": {"status": 200, "body": {"id": "w1", "balance": 1000}}},
              {"name": "points expire at the end of their validity",
               "given": {"now": "${now}", "wallets": [{"id": "w1", "balance": 1000, "expiresAt": "2024-08-06T10:00:00Z"}]},
               "when": {"method": "GET", "path": "/wallets/w1"},
               "then": {"status": 200, "body": {"balance": "${balance}"}},
               "cases": [
                 {"now": "2024-08-06T09:59:59Z", "balance": 1000},
                 {"now": "2024-08-06T10:00:00Z", "balance": 0, "tags": ["expiry"]},
                 {"now": "2024-08-06T10:00:01Z", "balance": 0}]},
              {"name": "expired points cannot pay", "tags": ["expiry"],
               "given": {"now": "2024-08-06T10:00:00Z", "wallets": [{"id": "w1", "balance": 1000, "expiresAt": "2024-08-06T10:00:00Z"}]},
               "when": {"method": "POST", "path": "/wallets/w1/pay", "body": {"amount": 100, "orderId": "o-4"}},
               "then": {"status": 409, "body": {"error": "insufficient", "balance": 0}, "events": []}}
            ]
            """;
}
