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
 * after the first page is served, so searches asked for before it ends wait for it rather than read
 * an index that may still be missing rows; if it failed, or takes far too long, they are answered
 * 503 with Retry-After instead of with wrong or empty results.
 */
@Component
class IndexReadiness {

    /** Far longer than a rebuild of every talk takes; past it something is wrong, and a 503 says so. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final CompletableFuture<Void> checked = new CompletableFuture<>();

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
            headers.set(HttpHeaders.RETRY_AFTER, "30");
            return headers;
        }
    }
}
