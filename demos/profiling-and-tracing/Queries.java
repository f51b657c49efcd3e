import java.util.HashMap;
import java.util.Map;

/**
 * The query templates over {@link Table}. Each template is its own method, so a CPU sample names the
 * template it was taken in. The optimisation switches choose between the first way of writing an
 * operator and the better one.
 */
final class Queries {
    record Switches(boolean dictionary, boolean noBoxing, boolean presized, boolean lockRemoved) {
        static final Switches NONE = new Switches(false, false, false, false);
    }

    static final String[] TEMPLATES = {"dashboard", "revenue", "cohort", "report"};

    private final Table t;
    /** The materialized view a refresher rewrites; the report reads it under this lock. */
    final Object viewLock = new Object();
    private volatile long[] view = new long[Table.COUNTRIES.length];

    Queries(Table t) {
        this.t = t;
    }

    /** Runs one template under its event, which gets the rows scanned and any wait for the view's lock. */
    void run(String template, Switches s, long param, QueryEvent event) {
        event.rows = switch (template) {
            case "dashboard" -> dashboard(s, (int) (param % Table.COUNTRIES.length));
            case "revenue" -> revenue(s);
            case "cohort" -> cohort(s, (int) (param % 8));
            case "report" -> report(s, event);
            default -> throw new IllegalArgumentException(template);
        };
    }

    /** Count of one country's rows in the newest tenth of the table: small and frequent. */
    int dashboard(Switches s, int country) {
        int from = t.rows - t.rows / 10;
        long n = s.dictionary() ? Operators.countCode(t.countryCode, from, t.rows, country)
                : Operators.countString(t.country, from, t.rows, Table.COUNTRIES[country]);
        Operators.sink(n);
        return t.rows - from;
    }

    /** Revenue by device over every row outside the top country: the heavy aggregation. */
    int revenue(Switches s) {
        if (s.dictionary() && s.noBoxing()) {
            Operators.sink(Operators.sumByCode(t.deviceCode, t.countryCode, t.revenue, Table.DEVICES.length).length);
        }
        else if (s.noBoxing()) {
            Operators.sink(Operators.sumByStringUnboxed(t.device, t.country, t.revenue).size());
        }
        else {
            Operators.sink(Operators.sumByStringBoxed(t.device, t.country, t.revenue).size());
        }
        return t.rows;
    }

    /** Revenue per user for one slice of rows, joined to each user's signup month: a hash join. */
    int cohort(Switches s, int slice) {
        int per = t.rows / 8;
        int from = slice * per;
        Map<Integer, Long> byUser = s.presized() ? HashMap.newHashMap(t.users) : new HashMap<>();
        Operators.buildSide(byUser, t.userId, t.revenue, from, from + per);
        Operators.sink(Operators.probeSide(byUser, t.userSignupMonth).length);
        return per;
    }

    /** The latest totals per country from the materialized view: almost no CPU, but it takes the view's lock. */
    int report(Switches s, QueryEvent event) {
        long[] v;
        if (s.lockRemoved()) {
            v = view; // the refresher publishes a new array; readers never wait
        }
        else {
            long asked = System.nanoTime();
            synchronized (viewLock) {
                event.lockWaitMs = (System.nanoTime() - asked) / 1e6;
                v = view;
            }
        }
        long total = 0;
        for (long x : v) total += x;
        Operators.sink(total + Operators.countCode(t.countryCode, 0, 2_000, 0));
        return 2_000;
    }

    /**
     * Rewrites the view, as a periodic refresh does. Old style: holds the lock while it writes (modelled as a
     * sleep: waiting on storage, not computing). Lock removed: builds the array aside and publishes it.
     */
    void refresh(Switches s, long writeMillis) throws InterruptedException {
        long[] next = Operators.totalsByCountry(t.countryCode, t.revenue, Table.COUNTRIES.length);
        if (s.lockRemoved()) {
            Thread.sleep(writeMillis);
            view = next;
        }
        else {
            synchronized (viewLock) {
                Thread.sleep(writeMillis);
                view = next;
            }
        }
    }
}
