import java.util.HashMap;
import java.util.Map;

/** Scan, filter, group-by and hash-join operators, in the plain way and the optimised way. */
final class Operators {
    private Operators() {}

    static volatile long blackhole;

    static void sink(long v) {
        blackhole += v;
    }

    static long countString(String[] col, int from, int to, String value) {
        long n = 0;
        for (int i = from; i < to; i++) if (col[i].equals(value)) n++;
        return n;
    }

    static long countCode(int[] col, int from, int to, int code) {
        long n = 0;
        for (int i = from; i < to; i++) if (col[i] == code) n++;
        return n;
    }

    /** Group-by with a map from the string key to a boxed Long: a hash of the string and a box per row. */
    static Map<String, Long> sumByStringBoxed(String[] key, String[] filter, long[] value) {
        Map<String, Long> sums = new HashMap<>();
        for (int i = 0; i < key.length; i++) {
            if (filter[i].equals("KR")) continue;
            sums.merge(key[i], value[i], Long::sum);
        }
        return sums;
    }

    /** Same groups, accumulated into a long[] per key: no box per row, still a string hash. */
    static Map<String, long[]> sumByStringUnboxed(String[] key, String[] filter, long[] value) {
        Map<String, long[]> sums = new HashMap<>();
        for (int i = 0; i < key.length; i++) {
            if (filter[i].equals("KR")) continue;
            sums.computeIfAbsent(key[i], k -> new long[1])[0] += value[i];
        }
        return sums;
    }

    /** Dictionary codes index an array directly: no hashing, no boxing. */
    static long[] sumByCode(int[] key, int[] filter, long[] value, int groups) {
        long[] sums = new long[groups];
        for (int i = 0; i < key.length; i++) {
            if (filter[i] == 0) continue;
            sums[key[i]] += value[i];
        }
        return sums;
    }

    static void buildSide(Map<Integer, Long> byUser, int[] userId, long[] value, int from, int to) {
        for (int i = from; i < to; i++) byUser.merge(userId[i], value[i], Long::sum);
    }

    static long[] probeSide(Map<Integer, Long> byUser, int[] signupMonth) {
        long[] byMonth = new long[48];
        for (var e : byUser.entrySet()) byMonth[signupMonth[e.getKey()]] += e.getValue();
        return byMonth;
    }

    static long[] totalsByCountry(int[] country, long[] value, int groups) {
        long[] sums = new long[groups];
        for (int i = 0; i < country.length; i += 16) sums[country[i]] += value[i];
        return sums;
    }
}
