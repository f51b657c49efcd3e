/** The service's ordinary work: requests that cost a little CPU each, all the time. */
final class Service {
    static volatile long blackhole;

    void handle(long request) {
        long h = request;
        for (int i = 0; i < 40_000; i++) h = h * 31 + (h >>> 7) + i;
        blackhole = h;
        render(h);
    }

    void render(long h) {
        var sb = new StringBuilder();
        for (int i = 0; i < 40; i++) sb.append(h ^ i);
        blackhole += sb.length();
    }
}
