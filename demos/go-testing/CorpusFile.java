import java.io.ByteArrayOutputStream;

/** Reads back a corpus file in Go's format ({@code go test fuzz v1} then one {@code []byte("...")} line). */
final class CorpusFile {
    private CorpusFile() {}

    static byte[] read(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals("go test fuzz v1")) throw new IllegalArgumentException("not a corpus file");
        String v = lines[1];
        if (!v.startsWith("[]byte(\"") || !v.endsWith("\")")) throw new IllegalArgumentException("not a []byte value: " + v);
        String s = v.substring(8, v.length() - 2);
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            if (e == 'x') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else out.write(e);
        }
        return out.toByteArray();
    }
}
