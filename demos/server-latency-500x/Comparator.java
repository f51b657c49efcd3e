import java.nio.charset.StandardCharsets;
import java.util.Map;
import demolib.*;

/** Byte-for-byte comparison of two responses, as the talk's end-to-end check did against the legacy server. */
final class Comparator {
    private Comparator() {}

    /** The offset of the first byte that differs, the shorter length if one is a prefix of the other, or -1 if equal. */
    static int firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) return i;
        }
        return expected.length == actual.length ? -1 : n;
    }

    /** The difference as fields: where, which bytes, and the line each response has there. */
    static Map<String, Object> describe(String request, byte[] expected, byte[] actual, int at) {
        return Json.obj("request", request, "offset", at, "expected", byteAt(expected, at), "actual", byteAt(actual, at),
                "legacyLine", lineAt(expected, at), "rewriteLine", lineAt(actual, at));
    }

    private static String byteAt(byte[] b, int at) {
        if (at >= b.length) return "end";
        int v = b[at] & 0xff;
        return v >= 0x20 && v < 0x7f ? String.format("0x%02x '%c'", v, (char) v) : String.format("0x%02x", v);
    }

    /** The line holding the offset, decoded (a line is whole UTF-8 characters, so it decodes cleanly). */
    private static String lineAt(byte[] b, int at) {
        int from = Math.min(at, b.length);
        while (from > 0 && b[from - 1] != '\n') from--;
        int to = Math.min(at, b.length);
        while (to < b.length && b[to] != '\n') to++;
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
