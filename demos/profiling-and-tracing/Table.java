import java.util.Random;

/**
 * A small columnar table of app events, generated from a seed: one array per column. The string columns
 * are kept twice, as plain strings and dictionary-encoded (a code per row and the distinct values once),
 * so a query can run either way.
 */
final class Table {
    static final String[] COUNTRIES = {"KR", "JP", "US", "VN", "TW", "ID", "TH", "DE", "FR", "GB", "CA", "AU", "BR", "IN",
            "SG", "MY", "PH", "MX", "ES", "IT"};
    static final String[] DEVICES = {"ios", "android", "web", "tablet", "tv", "watch"};

    final int rows;
    final String[] country;
    final String[] device;
    final int[] countryCode;
    final int[] deviceCode;
    final int[] userId;
    final long[] revenue;
    final int users;
    final int[] userSignupMonth;

    Table(int rows, int users, long seed) {
        this.rows = rows;
        this.users = users;
        var random = new Random(seed);
        country = new String[rows];
        device = new String[rows];
        countryCode = new int[rows];
        deviceCode = new int[rows];
        userId = new int[rows];
        revenue = new long[rows];
        for (int i = 0; i < rows; i++) {
            // skewed: a few countries hold most rows, as real traffic does
            int c = Math.min(COUNTRIES.length - 1, (int) Math.abs(random.nextGaussian() * 4));
            int d = random.nextInt(DEVICES.length);
            countryCode[i] = c;
            deviceCode[i] = d;
            // new String: a stored column holds its own copies, not interned literals
            country[i] = new String(COUNTRIES[c]);
            device[i] = new String(DEVICES[d]);
            userId[i] = random.nextInt(users);
            revenue[i] = random.nextInt(10_000);
        }
        userSignupMonth = new int[users];
        for (int u = 0; u < users; u++) userSignupMonth[u] = random.nextInt(48);
    }
}
