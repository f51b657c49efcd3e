package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import dev.confnotes.demos.runner.CommandWriter;

class DemoErrorsTests {

    final DemoErrors errors = new DemoErrors();

    @Test
    void aCommandBacklogAnswers429WithRetryAfterAndSaysWhy() {
        ResponseEntity<Map<String, Object>> answer = errors.retryLater(new CommandWriter.BacklogException());

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody()).containsEntry("status", 429)
            .containsEntry("error", "too many commands are waiting for the program to read them")
            .containsEntry("retryAfterSeconds", 1L);
    }
}
