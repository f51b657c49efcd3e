import java.lang.invoke.MethodHandle;

/**
 * Shrinks a crashing input while it still crashes the same way (same exception, same place), as
 * {@code go test -fuzz} does before it writes the file: drop ranges of bytes, largest first, then set
 * each remaining byte to zero where that changes nothing.
 */
final class Minimiser {
    private static final int MAX_TRIES = 20_000;
    private final MethodHandle target;
    private final Class<?> error;
    private final String where;
    int tries;

    Minimiser(MethodHandle target, Class<?> error, String where) {
        this.target = target;
        this.error = error;
        this.where = where;
    }

    byte[] minimise(byte[] input) {
        byte[] best = input.clone();
        for (int len = best.length / 2; len >= 1 && tries < MAX_TRIES; len /= 2) {
            for (int at = 0; at + len <= best.length && tries < MAX_TRIES; ) {
                byte[] c = new byte[best.length - len];
                System.arraycopy(best, 0, c, 0, at);
                System.arraycopy(best, at + len, c, at, best.length - at - len);
                if (crashes(c)) best = c;
                else at++;
            }
        }
        for (int i = 0; i < best.length && tries < MAX_TRIES; i++) {
            if (best[i] == 0) continue;
            byte keep = best[i];
            best[i] = 0;
            if (!crashes(best)) best[i] = keep;
        }
        return best;
    }

    private boolean crashes(byte[] input) {
        tries++;
        Coverage.reset();
        try {
            String ignored = (String) target.invokeExact(input);
            return false;
        }
        catch (BadRecord refused) {
            return false;
        }
        catch (Throwable t) {
            return t.getClass() == error && Main.place(t).equals(where);
        }
    }
}
