package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class IndexReadinessTests {

    @Test
    void aSearchAskedForBeforeTheCheckEndsWaitsForIt() throws Exception {
        IndexReadiness readiness = new IndexReadiness();
        CompletableFuture<Void> search = CompletableFuture.runAsync(readiness::await);
        Thread.sleep(100);
        assertThat(search).isNotDone();

        readiness.ready();

        search.get(5, TimeUnit.SECONDS);
        assertThat(search).isCompleted();
    }

    @Test
    void aFailedCheckAnswersServiceUnavailableWithRetryAfter() {
        IndexReadiness readiness = new IndexReadiness();
        readiness.failed(new IllegalStateException("index folder not writable"));

        assertThatThrownBy(readiness::await).isInstanceOfSatisfying(IndexReadiness.NotReadyException.class, ex -> {
            assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
            assertThat(ex.getCause()).hasMessage("index folder not writable");
        });
    }
}
