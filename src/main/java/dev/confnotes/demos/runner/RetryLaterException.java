package dev.confnotes.demos.runner;


/** A refusal that passes once the load goes down: a 429 with {@code Retry-After} ({@link DemoErrors}). */
public abstract class RetryLaterException extends RuntimeException {

    public final long retryAfterSeconds;

    RetryLaterException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
