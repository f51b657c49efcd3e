package dev.confnotes.system;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class PageErrorAttributesTests {

    @Test
    void namesTheKindOfThingA404DidNotFind() {
        assertThat(PageErrorAttributes.missing(notFound("No such talk"))).isEqualTo("talk");
        assertThat(PageErrorAttributes.missing(notFound("No such tag"))).isEqualTo("tag");
        assertThat(PageErrorAttributes.missing(notFound("No such demo"))).isEqualTo("demo");
        assertThat(PageErrorAttributes.missing(notFound("No such run"))).isEqualTo("run");
        assertThat(PageErrorAttributes.missing(notFound("No such run of this demo"))).isEqualTo("run");
        assertThat(PageErrorAttributes.missing(notFound("No such shared demo"))).isEqualTo("demo");
    }

    @Test
    void anyOtherAddressIsAMissingPage() {
        assertThat(PageErrorAttributes.missing(null)).isEqualTo("page");
        assertThat(PageErrorAttributes.missing(notFound("No such planet"))).isEqualTo("page");
        assertThat(PageErrorAttributes.missing(new IllegalStateException("No such talk"))).isEqualTo("page");
    }

    private static ResponseStatusException notFound(String reason) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
    }
}
