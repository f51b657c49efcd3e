package dev.confnotes.demos.runner;

/**
 * One event of a run as viewers get it.
 *
 * @param seq 1-based position in the run: the SSE id, so a viewer can resume after it
 * @param type {@code metric}, {@code event}, {@code node}, {@code done}, {@code error} from the program, or
 * {@code status} from the runner
 * @param t milliseconds since the run started, by the server's clock (used to replay at the real pace)
 * @param json the event as one line of JSON
 */
public record RunEvent(long seq, String type, long t, String json) {
}
