/** The parser's ordinary refusal of an input; every other exception out of the parser is a crash. */
public final class BadRecord extends RuntimeException {
    public BadRecord(String reason) {
        super(reason, null, false, false); // no stack trace: refusals are the common case and must be cheap
    }
}
