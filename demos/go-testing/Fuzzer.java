import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One fuzzer: coverage-guided (keeps an input that reached an edge no earlier input reached, and
 * mutates kept inputs) or blind (a fresh random input every time, coverage only measured). Both run
 * the same instrumented target; the edges each has seen are its own.
 */
final class Fuzzer {
    /** A kept input: the corpus entry, its parent, what produced it and the edges it added. */
    record Entry(int id, int parent, byte[] data, String mutation, List<Integer> newEdges, long exec) {}

    /** An input that made the target throw something other than its refusal. */
    record Crash(byte[] data, Throwable error, long exec) {}

    static final int MAX_LEN = 64;
    static final byte[][] INTERESTING = {{0}, {1}, {(byte) 0x7f}, {(byte) 0x80}, {(byte) 0xff}};

    final boolean guided;
    private final MethodHandle target;
    private final SplittableRandom random;
    private final byte[][] dictionary;
    private final boolean[] covered = new boolean[Coverage.MAX_BLOCKS * Coverage.MAX_BLOCKS];
    final List<Entry> corpus = new ArrayList<>();
    int edges;
    long execs;
    Crash crash;
    private String lastMutation = "";

    Fuzzer(boolean guided, MethodHandle target, long seed, byte[][] dictionary, byte[] seedInput) {
        this.guided = guided;
        this.target = target;
        this.random = new SplittableRandom(seed);
        this.dictionary = dictionary;
        if (guided) {
            List<Integer> added = run(seedInput);
            corpus.add(new Entry(0, -1, seedInput, "seed", added, 0));
        }
    }

    /** One execution; returns the new entry when the input was kept, else null. */
    Entry step() {
        byte[] input = guided ? mutate() : fresh();
        List<Integer> added = run(input);
        if (crash != null || !guided || added.isEmpty()) return null;
        var parent = corpus.get(parentIndex);
        var entry = new Entry(corpus.size(), parent.id(), input, lastMutation, added, execs);
        corpus.add(entry);
        return entry;
    }

    /** Runs the target on one input; the edges seen for the first time by this fuzzer. */
    private List<Integer> run(byte[] input) {
        execs++;
        Coverage.reset();
        try {
            String ignored = (String) target.invokeExact(input);
        }
        catch (BadRecord refused) {
            // the parser said no: the ordinary outcome
        }
        catch (Throwable t) {
            if (crash == null) crash = new Crash(input, t, execs);
        }
        List<Integer> added = List.of();
        for (int i = 0; i < Coverage.touchedCount(); i++) {
            int e = Coverage.touched(i);
            if (!covered[e]) {
                covered[e] = true;
                edges++;
                if (added.isEmpty()) added = new ArrayList<>();
                added.add(e);
            }
        }
        return added;
    }

    private byte[] fresh() {
        byte[] b = new byte[random.nextInt(MAX_LEN + 1)];
        random.nextBytes(b);
        return b;
    }

    private int parentIndex;

    /** Picks a kept input (the newest half the time: it is where the frontier is) and stacks 1–4 mutations. */
    private byte[] mutate() {
        parentIndex = random.nextBoolean() ? corpus.size() - 1 : random.nextInt(corpus.size());
        byte[] b = corpus.get(parentIndex).data().clone();
        int n = 1 + random.nextInt(4);
        var what = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) what.append(", ");
            b = mutateOnce(b, what);
        }
        lastMutation = what.toString();
        return b;
    }

    private byte[] mutateOnce(byte[] b, StringBuilder what) {
        int kinds = dictionary.length > 0 ? 8 : 7;
        int kind = random.nextInt(kinds);
        if (b.length == 0 && kind != 2 && kind != 7) kind = 2;
        switch (kind) {
            case 0 -> { // set a byte to a random value
                int at = random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
                what.append("set ").append(at).append('=').append(Hex.one(b[at]));
            }
            case 1 -> { // flip one bit
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 << random.nextInt(8));
                what.append("flip ").append(at);
            }
            case 2 -> { // insert a random byte
                if (b.length >= MAX_LEN) return b;
                int at = random.nextInt(b.length + 1);
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) random.nextInt(256);
                System.arraycopy(b, at, c, at + 1, b.length - at);
                what.append("insert ").append(at);
                return c;
            }
            case 3 -> { // remove a range
                int at = random.nextInt(b.length);
                int len = 1 + random.nextInt(Math.min(4, b.length - at));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                what.append("remove ").append(at).append('+').append(len);
                return c;
            }
            case 4 -> { // add or subtract a small number
                int at = random.nextInt(b.length);
                int delta = random.nextInt(1, 17) * (random.nextBoolean() ? 1 : -1);
                b[at] = (byte) (b[at] + delta);
                what.append("add ").append(at).append(delta > 0 ? "+" : "").append(delta);
            }
            case 5 -> { // an interesting value
                int at = random.nextInt(b.length);
                b[at] = INTERESTING[random.nextInt(INTERESTING.length)][0];
                what.append("set ").append(at).append('=').append(Hex.one(b[at]));
            }
            case 6 -> { // swap two bytes
                int x = random.nextInt(b.length);
                int y = random.nextInt(b.length);
                byte t = b[x];
                b[x] = b[y];
                b[y] = t;
                what.append("swap ").append(x).append('/').append(y);
            }
            default -> { // a dictionary word, written over the input or inserted into it
                byte[] word = dictionary[random.nextInt(dictionary.length)];
                int at = random.nextInt(b.length + 1);
                boolean insert = random.nextBoolean() || at + word.length > b.length;
                what.append("word ").append(Hex.text(word)).append('@').append(at);
                if (insert) {
                    if (b.length + word.length > MAX_LEN) return b;
                    byte[] c = new byte[b.length + word.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(word, 0, c, at, word.length);
                    System.arraycopy(b, at, c, at + word.length, b.length - at);
                    return c;
                }
                System.arraycopy(word, 0, b, at, word.length);
            }
        }
        return b;
    }
}
