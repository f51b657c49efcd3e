import java.util.Map;
import java.util.TreeMap;

/**
 * A latency heat map: time columns of fixed width, each a log2 histogram of microseconds where bucket
 * i holds [2^i, 2^(i+1)) and bucket 0 also holds values below 1, as bpftrace's {@code hist()}.
 */
final class Heat {
    static final int BUCKETS = 22; // up to 2^22 µs ≈ 4 s
    private final long columnMs;
    private final TreeMap<Integer, long[]> columns = new TreeMap<>();
    private final java.util.Set<Integer> changed = new java.util.TreeSet<>();
    private final long[] totals = new long[BUCKETS];

    Heat(long columnMs) {
        this.columnMs = columnMs;
    }

    static int bucket(long micros) {
        if (micros < 2) return 0;
        return Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    }

    synchronized void add(long atMs, long micros) {
        int col = (int) (atMs / columnMs);
        columns.computeIfAbsent(col, c -> new long[BUCKETS])[bucket(micros)]++;
        totals[bucket(micros)]++;
        changed.add(col);
    }

    /** Columns changed since the last call, as snapshot data ({@code t}, {@code counts}). */
    synchronized Map<Integer, Map<String, Object>> drainChanged() {
        var out = new TreeMap<Integer, Map<String, Object>>();
        for (int col : changed) {
            out.put(col, demolib.Json.obj("t", (long) col * columnMs, "counts", columns.get(col).clone()));
        }
        changed.clear();
        return out;
    }

    synchronized long[] totals() {
        return totals.clone();
    }

    /**
     * Stripes: runs of adjacent columns holding a call of at least 2^bucket µs (one stall may straddle
     * two columns).
     */
    synchronized int stripesReaching(int bucket) {
        int stripes = 0;
        int last = Integer.MIN_VALUE;
        for (var e : columns.entrySet()) {
            boolean reaches = false;
            for (int b = bucket; b < BUCKETS && !reaches; b++) reaches = e.getValue()[b] > 0;
            if (!reaches) continue;
            if (e.getKey() != last + 1) stripes++;
            last = e.getKey();
        }
        return stripes;
    }

    /** The value below which the given share of all samples fall, as the upper edge of its bucket (µs). */
    synchronized long quantileUpperMicros(double q) {
        long all = 0;
        for (long c : totals) all += c;
        if (all == 0) return 0;
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += totals[b];
            if (seen >= Math.ceil(q * all)) return 1L << (b + 1);
        }
        return 1L << BUCKETS;
    }

    synchronized long count() {
        long all = 0;
        for (long c : totals) all += c;
        return all;
    }
}
