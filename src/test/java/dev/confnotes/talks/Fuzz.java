package dev.confnotes.talks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded random inputs for the parser property tests: every case is reproducible from the seed in
 * its failure message ({@code -Dfuzz.seed=...} replays one run). Kept small on purpose so a whole
 * test class runs in a second or two.
 */
final class Fuzz {

    static final long SEED = Long.getLong("fuzz.seed", 20230805L);

    /** Characters that mean something to YAML, Markdown or the notes format, next to plain text. */
    private static final String TRICKY = ":#-[]{}'\",&*!|>%@`?~=.\\/<>()+_ \t";

    private static final String KOREAN = "가나다라마바사아자차카타파하고루틴컨텍스트테스트님년월일발표노트";

    private static final String[] LINES = { "---", "- ", "# ", "## ", "```", "~~~", "2023년 8월 5일(토)",
            "# 제목 - 발표자님, 회사", "key: value", "slug: x", "title: [broken", "  - date: 2023-08-05", "\uFEFF",
            "\r", "...", "&anchor", "*alias", "!!python/object:x", "%YAML 1.1", "? ", "|", ">" };

    private Fuzz() {
    }

    /** Runs {@code cases} cases, each with its own random derived from the seed, naming the failing case. */
    static void cases(String name, int cases, Consumer<SplittableRandom> check) {
        for (int i = 0; i < cases; i++) {
            long seed = SEED * 31 + name.hashCode() * 17L + i;
            try {
                check.accept(new SplittableRandom(seed));
            }
            catch (AssertionError | RuntimeException ex) {
                throw new AssertionError(name + " failed on case " + i + " (case seed " + seed + ", -Dfuzz.seed=" + SEED
                        + "): " + ex.getMessage(), ex);
            }
        }
    }

    static String text(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                out.append((char) ('a' + random.nextInt(26)));
            }
            else if (kind < 6) {
                out.append(KOREAN.charAt(random.nextInt(KOREAN.length())));
            }
            else if (kind < 9) {
                out.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
            }
            else {
                out.appendCodePoint(randomCodePoint(random));
            }
        }
        return out.toString();
    }

    static String word(SplittableRandom random, String alphabet, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Random lines mixing the format's own markers with noise. */
    static byte[] randomDocument(SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        StringBuilder out = new StringBuilder();
        int lines = random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            if (random.nextBoolean()) {
                out.append(LINES[random.nextInt(LINES.length)]);
            }
            out.append(text(random, 40)).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A valid document, damaged in one to four places: cut, duplicated, swapped or overwritten bytes and lines. */
    static byte[] mutate(SplittableRandom random, byte[] original) {
        byte[] bytes = original;
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (random.nextInt(6)) {
                case 0 -> flipByte(random, bytes);
                case 1 -> cut(random, bytes);
                case 2 -> insert(random, bytes, Fuzz.text(random, 20).getBytes(StandardCharsets.UTF_8));
                case 3 -> insert(random, bytes, (LINES[random.nextInt(LINES.length)] + "\n").getBytes(StandardCharsets.UTF_8));
                case 4 -> swapLines(random, bytes);
                default -> truncate(random, bytes);
            };
        }
        return bytes;
    }

    private static byte[] flipByte(SplittableRandom random, byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] out = bytes.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
    }

    private static byte[] cut(SplittableRandom random, byte[] bytes) {
        if (bytes.length < 2) {
            return bytes;
        }
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(80));
        byte[] out = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, to, out, from, bytes.length - to);
        return out;
    }

    private static byte[] insert(SplittableRandom random, byte[] bytes, byte[] chunk) {
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + chunk.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(bytes, at, out, at + chunk.length, bytes.length - at);
        return out;
    }

    private static byte[] truncate(SplittableRandom random, byte[] bytes) {
        return bytes.length == 0 ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    private static byte[] swapLines(SplittableRandom random, byte[] bytes) {
        List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        if (lines.size() < 2) {
            return bytes;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static int randomCodePoint(SplittableRandom random) {
        while (true) {
            int cp = random.nextInt(0x1F_FFF);
            if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp) || cp > 0xFFFF) {
                return cp;
            }
        }
    }
}
