package dev.confnotes.talks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class FollowUpFinderTests {

    @Test
    void findsEveryMarkerTheWriterUsesWithItsSection() {
        Talk talk = TalkControllerTests.talk("context-state-management", "컨텍스트", 1, 4, List.of(), List.of(), """
                ## 컨텍스트 패키지란?
                TODO() 컨텍스트는 Background() 와 유사하나 차이점이 있는데 이건 찾아보자 놓침

                - 더있는데 놓침 더 찾아보고 작성하자

                ## 기타
                Context의 AfterFunc() 살펴보기

                Go Report Card 또한 한번 확인해보기

                - Proof : 제대로 못들음 <= 따로 다시 찾아보기

                proc 디렉토리의 stat을 살펴본다.
                """);
        Catalog catalog = mock(Catalog.class);
        given(catalog.talks()).willReturn(List.of(talk));

        List<FollowUp> found = new FollowUpFinder(catalog, new MarkdownRenderer()).all();

        assertThat(found).extracting(FollowUp::text)
            .containsExactly("TODO() 컨텍스트는 Background() 와 유사하나 차이점이 있는데 이건 찾아보자 놓침", "더있는데 놓침 더 찾아보고 작성하자",
                    "Context의 AfterFunc() 살펴보기", "Go Report Card 또한 한번 확인해보기", "Proof : 제대로 못들음 <= 따로 다시 찾아보기");
        assertThat(found).extracting(FollowUp::anchor)
            .containsExactly("컨텍스트-패키지란", "컨텍스트-패키지란", "기타", "기타", "기타");
    }
}
