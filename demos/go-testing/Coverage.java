/**
 * The edge counters that instrumented code calls. Each basic block gets an id when the class is
 * instrumented; an edge is the pair (previous block, this block), as AFL and Go's compiler-inserted
 * counters both see it. One execution at a time (the fuzzers share one thread), so plain statics do.
 * Public: the instrumented class lives in another class loader, hence another runtime package.
 */
public final class Coverage {
    private Coverage() {}

    static final int MAX_BLOCKS = 1024;
    private static final boolean[] seen = new boolean[MAX_BLOCKS * MAX_BLOCKS];
    private static final int[] touched = new int[8192];
    private static int touchedCount;
    private static int previous;

    /** Called at the start of every instrumented basic block. */
    public static void hit(int block) {
        int edge = previous * MAX_BLOCKS + block;
        if (!seen[edge]) {
            seen[edge] = true;
            if (touchedCount < touched.length) touched[touchedCount++] = edge;
        }
        previous = block;
    }

    /** Forgets the last execution's edges; block 0 stands for "outside the target". */
    static void reset() {
        for (int i = 0; i < touchedCount; i++) seen[touched[i]] = false;
        touchedCount = 0;
        previous = 0;
    }

    static int touchedCount() {
        return touchedCount;
    }

    static int touched(int i) {
        return touched[i];
    }
}
