package dev.confnotes.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTests {

    final MutableClock clock = new MutableClock();

    final RateLimitFilter filter = new RateLimitFilter(new RateLimitProperties(true,
            new RateLimitProperties.Limit(3, 1, Duration.ofSeconds(1)),
            new RateLimitProperties.Limit(2, 1, Duration.ofMinutes(1)),
            new RateLimitProperties.Limit(4, 1, Duration.ofMinutes(1)), 100), clock);

    final AtomicInteger served = new AtomicInteger();

    @Test
    void searchPastTheBurstGets429WithRetryAfterAndRecovers() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/api/search", "10.0.0.1").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse limited = send("GET", "/api/search", "10.0.0.1");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getContentAsString()).contains("\"retryAfterSeconds\":1");
        assertThat(served).hasValue(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(send("GET", "/search", "10.0.0.1").getStatus()).isEqualTo(200);
    }

    @Test
    void eachClientHasItsOwnBucket() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("GET", "/search", "10.0.0.1");
        }

        assertThat(send("GET", "/search", "10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(send("GET", "/search", "10.0.0.2").getStatus()).isEqualTo(200);
    }

    @Test
    void startingRunsIsLimitedOnThePageTheApiAndCompare() throws Exception {
        assertThat(send("POST", "/api/demos/gc/runs", "10.0.0.3").getStatus()).isEqualTo(200);
        assertThat(send("POST", "/demos/gc/runs", "10.0.0.3").getStatus()).isEqualTo(200);

        MockHttpServletResponse limited = send("POST", "/demos/context/compare", "10.0.0.3");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(59L, 60L);
    }

    @Test
    void commandsPastTheirBurstGet429WithRetryAfterAndRecover() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(send("POST", "/api/runs/abc/commands", "10.0.0.6").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse limited = send("POST", "/api/runs/def/commands", "10.0.0.6");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(59L, 60L);
        assertThat(limited.getContentAsString()).contains("\"retryAfterSeconds\":");
        assertThat(served).hasValue(4);

        clock.advance(Duration.ofMinutes(1));
        assertThat(send("POST", "/api/runs/abc/commands", "10.0.0.6").getStatus()).isEqualTo(200);
    }

    @Test
    void commandsDoNotUseUpRunStarts() throws Exception {
        for (int i = 0; i < 4; i++) {
            send("POST", "/api/runs/abc/commands", "10.0.0.7");
        }
        assertThat(send("POST", "/api/runs/abc/commands", "10.0.0.7").getStatus()).isEqualTo(429);

        assertThat(send("POST", "/api/demos/context/runs", "10.0.0.7").getStatus()).isEqualTo(200);
        assertThat(send("POST", "/demos/context/runs", "10.0.0.7").getStatus()).isEqualTo(200);
        assertThat(send("POST", "/demos/context/runs", "10.0.0.7").getStatus()).isEqualTo(429);
    }

    @Test
    void runStartsDoNotUseUpCommands() throws Exception {
        send("POST", "/api/demos/context/runs", "10.0.0.8");
        send("POST", "/demos/context/compare", "10.0.0.8");
        assertThat(send("POST", "/api/demos/context/runs", "10.0.0.8").getStatus()).isEqualTo(429);

        for (int i = 0; i < 4; i++) {
            assertThat(send("POST", "/api/runs/abc/commands", "10.0.0.8").getStatus()).isEqualTo(200);
        }
    }

    @Test
    void pagesAndCancelsAreNeverLimited() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET", "/talks/gc-in-golang", "10.0.0.4").getStatus()).isEqualTo(200);
            assertThat(send("POST", "/api/runs/abc/cancel", "10.0.0.4").getStatus()).isEqualTo(200);
        }
    }

    @Test
    void pathParametersAndEncodingDoNotSlipPastTheLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("GET", "/search", "10.0.0.5");
        }

        // The container hands Spring the decoded path without ;parameters; that is what counts.
        MockHttpServletResponse limited = send("GET", "/search;x=1", "/search", "10.0.0.5");

        assertThat(limited.getStatus()).isEqualTo(429);
    }

    private MockHttpServletResponse send(String method, String path, String client) throws Exception {
        return send(method, path, path, client);
    }

    private MockHttpServletResponse send(String method, String uri, String path, String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(path);
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> served.incrementAndGet());
        return response;
    }

    static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
