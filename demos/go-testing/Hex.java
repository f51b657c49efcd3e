/** Bytes as Go writes them in a corpus file: printable ASCII as is, the rest as \xNN. */
final class Hex {
    private Hex() {}

    static String text(byte[] b) {
        var sb = new StringBuilder();
        for (byte x : b) sb.append(one(x));
        return sb.toString();
    }

    static String one(byte x) {
        int v = x & 0xFF;
        if (v == '"' || v == '\\') return "\\" + (char) v;
        if (v >= 0x20 && v < 0x7f) return String.valueOf((char) v);
        return String.format("\\x%02x", v);
    }
}
