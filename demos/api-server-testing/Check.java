import java.util.Objects;

/** The assertions the test versions use: a failure carries what was expected and what came. */
final class Check {
    private Check() {}

    static final class Failure extends AssertionError {
        final String what, expected, actual;

        Failure(String what, Object expected, Object actual) {
            super(what + ": expected " + expected + ", got " + actual);
            this.what = what;
            this.expected = String.valueOf(expected);
            this.actual = String.valueOf(actual);
        }
    }

    static void equal(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) throw new Failure(what, expected, actual);
    }

    static void isTrue(String what, boolean ok, Object expected, Object actual) {
        if (!ok) throw new Failure(what, expected, actual);
    }
}
