package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.confnotes.demos.runner.CommandWriter;

class DemoErrorsTests {

    final DemoErrors errors = new DemoErrors();

    @Test
    void aCommandBacklogAnswers429WithRetryAfterAndSaysWhy() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/runs/abc/commands");
        request.setServletPath("/api/runs/abc/commands");
        ResponseEntity<ProblemDetail> answer = errors.retryLater(new CommandWriter.BacklogException(), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getStatus()).isEqualTo(429);
        assertThat(problem.getDetail()).isEqualTo("too many commands are waiting for the program to read them");
        assertThat(problem.getInstance()).hasToString("/api/runs/abc/commands");
        assertThat(problem.getProperties()).containsEntry("retryAfterSeconds", 1L);
    }
}
