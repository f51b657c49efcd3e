package dev.confnotes.demos.runner;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a run ended, as the runner says it: one fixed English sentence per reason, stored with the run and given
 * by the JSON API, and worded on a page in the reader's language by a message key ({@code demo.reason.<key>},
 * the sentence's numbers and details as its arguments). Reading the sentence back, not a code beside it, means
 * records written before this class existed are worded too; a sentence of no known reason (a program's own
 * error, a start that failed) is shown as it is.
 */
public enum RunReason {

    CANCELED_BY_VIEWER("canceledByViewer", "canceled by a viewer"),
    NO_VIEWERS("noViewers", "no one was watching"),
    REPLACED("replaced", "replaced by a run with other parameters"),
    TIME_LIMIT("timeLimit", "passed its time limit of %s s", "passed its time limit of (\\d+) s"),
    SHUTDOWN("shutdown", "the server is shutting down"),
    SERVER_STOPPED("serverStopped", "the server stopped during the run"),
    ENDED_BEFORE_START("endedBeforeStart", "ended before it started"),
    INTERRUPTED("interrupted", "interrupted"),
    OUT_OF_MEMORY("outOfMemory", "%s", "(?:Exception in thread \"[^\"]*\" )?java\\.lang\\.OutOfMemoryError:?\\s*(.*)"),
    EXIT_CODE("exitCode", "exit code %s", "exit code (-?\\d+)(?:: (.*))?");

    private final String key;

    private final String english;

    private final Pattern pattern;

    RunReason(String key, String english) {
        this(key, english, Pattern.quote(english));
    }

    RunReason(String key, String english, String pattern) {
        this.key = key;
        this.english = english;
        this.pattern = Pattern.compile(pattern, Pattern.DOTALL);
    }

    /** The sentence the runner records, with its numbers filled in. */
    public String text(Object... args) {
        return english.formatted(args);
    }

    /** A reason in words for a page: the message key and its arguments. */
    public record Words(String key, Object[] args) {
    }

    /** The message key and arguments of a recorded reason; {@code demo.reason.other} with the text itself if unknown. */
    public static Words words(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        for (RunReason known : values()) {
            Matcher m = known.pattern.matcher(reason.strip());
            if (m.matches()) {
                Object[] args = new Object[Math.max(2, m.groupCount())];
                Arrays.fill(args, "");
                for (int i = 1; i <= m.groupCount(); i++) {
                    args[i - 1] = m.group(i) == null ? "" : m.group(i);
                }
                return new Words("demo.reason." + known.key, args);
            }
        }
        return new Words("demo.reason.other", new Object[] { reason, "" });
    }
}
