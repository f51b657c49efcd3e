package dev.confnotes.system;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginFilterTests {

    final SameOriginFilter filter = new SameOriginFilter();

    final AtomicInteger served = new AtomicInteger();

    @Test
    void refusesAPostFromAnotherSite() throws Exception {
        MockHttpServletResponse response = post("/api/demos/gc/runs", "https://evil.example", "cross-site");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("cross-site");
        assertThat(served).hasValue(0);
    }

    @Test
    void refusesAnOriginNamingAnotherHostEvenWithoutFetchMetadata() throws Exception {
        assertThat(post("/runs/abc/cancel", "http://other.example:8080", null).getStatus()).isEqualTo(403);
        assertThat(post("/runs/abc/cancel", "null", null).getStatus()).isEqualTo(403);
        assertThat(served).hasValue(0);
    }

    @Test
    void letsThePagesOwnFormsAndScriptsThrough() throws Exception {
        assertThat(post("/demos/gc/runs", "http://localhost:8080", "same-origin").getStatus()).isEqualTo(200);
        assertThat(post("/api/runs/abc/commands", null, null).getStatus()).isEqualTo(200);
        assertThat(served).hasValue(2);
    }

    @Test
    void neverStandsInTheWayOfReading() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/talks/gc-in-golang");
        request.addHeader("Origin", "https://evil.example");
        request.addHeader("Sec-Fetch-Site", "cross-site");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> served.incrementAndGet());

        assertThat(served).hasValue(1);
    }

    private MockHttpServletResponse post(String path, String origin, String fetchSite) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        request.addHeader("Host", "localhost:8080");
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        if (fetchSite != null) {
            request.addHeader("Sec-Fetch-Site", fetchSite);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> served.incrementAndGet());
        return response;
    }
}
