package dev.confnotes.search;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Whether the start-up check of the index ({@link SearchIndexer#repair()}) is done. The check runs
 * beside the web server's start, so searches asked for before it ends wait for it rather than read
 * an index that may still be missing rows; if it failed, or takes far too long, they are answered
 * 503 with Retry-After instead of with wrong or empty results.
 */
@Component
class IndexReadiness {

    /**
     * How long a search waits for the check. A check over an unchanged catalog takes well under a
     * second; a rebuild of thousands of talks takes longer, and holding request threads through it
     * would starve the pages too, so past this the answer is a 503 to try again shortly.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final CompletableFuture<Void> checked = new CompletableFuture<>();

    /** Once one search has waited in vain, the next ones are told at once until the check ends. */
    private volatile boolean waitedInVain;

    void ready() {
        checked.complete(null);
    }

    void failed(Throwable cause) {
        checked.completeExceptionally(cause);
    }

    /** Returns once the index is checked; throws if the check failed or is still going after {@link #MAX_WAIT}. */
    void await() {
        if (checked.isDone() && !checked.isCompletedExceptionally()) {
            return;
        }
        if (waitedInVain && !checked.isDone()) {
            throw new NotReadyException("The search index is still being checked", null);
        }
        try {
            checked.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("Interrupted while waiting for the search index", ex);
        }
        catch (ExecutionException ex) {
            throw new NotReadyException("The search index could not be checked at start", ex.getCause());
        }
        catch (TimeoutException ex) {
            waitedInVain = true;
            throw new NotReadyException("The search index is still being checked after " + MAX_WAIT, ex);
        }
    }

    /** Search is not available yet (or, after a failed check, until a restart): 503, try again later. */
    static final class NotReadyException extends ResponseStatusException {

        NotReadyException(String reason, Throwable cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, reason, cause);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            return headers;
        }
    }
}
