package dev.confnotes.demos;

/** A refusal that passes once the load goes down: a 429 with {@code Retry-After} ({@link DemoErrors}). */
abstract class RetryLaterException extends RuntimeException {

    final long retryAfterSeconds;

    RetryLaterException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
