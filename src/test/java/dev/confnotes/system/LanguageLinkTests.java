package dev.confnotes.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageLinkTests {

    @Test
    void keepsThePathAndEveryQueryParameterAndSetsTheLanguage() {
        assertThat(LanguageLink.switchTo("/search", "q=GOGC&tag=gc", "en")).isEqualTo("/search?q=GOGC&tag=gc&lang=en");
        assertThat(LanguageLink.switchTo("/demos/gc/compare", "a=r1&b=r2&lang=ko", "en"))
            .isEqualTo("/demos/gc/compare?a=r1&b=r2&lang=en");
        assertThat(LanguageLink.switchTo("/talks/gc-in-golang", null, "ko")).isEqualTo("/talks/gc-in-golang?lang=ko");
    }

    @Test
    void keepsEncodedKoreanAsSent() {
        assertThat(LanguageLink.switchTo("/tags/%EC%BB%A8", "q=%EA%B3%A0%EB%A3%A8%ED%8B%B4+%EC%B7%A8%EC%86%8C", "en"))
            .isEqualTo("/tags/%EC%BB%A8?q=%EA%B3%A0%EB%A3%A8%ED%8B%B4+%EC%B7%A8%EC%86%8C&lang=en");
    }

    @Test
    void aQueryThatIsNotValidEncodingKeepsThePageOnly() {
        assertThat(LanguageLink.switchTo("/search", "q=%zz", "en")).isEqualTo("/search?lang=en");
    }
}
