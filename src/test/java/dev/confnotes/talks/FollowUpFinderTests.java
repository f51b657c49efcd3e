package dev.confnotes.talks;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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

        List<FollowUp> found = new FollowUpFinder(catalog, new MarkdownRenderer(), DemoAnswers.NONE).all();

        assertThat(found).extracting(FollowUp::text)
            .containsExactly("TODO() 컨텍스트는 Background() 와 유사하나 차이점이 있는데 이건 찾아보자 놓침", "더있는데 놓침 더 찾아보고 작성하자",
                    "Context의 AfterFunc() 살펴보기", "Go Report Card 또한 한번 확인해보기", "Proof : 제대로 못들음 <= 따로 다시 찾아보기");
        assertThat(found).extracting(FollowUp::anchor)
            .containsExactly("컨텍스트-패키지란", "컨텍스트-패키지란", "기타", "기타", "기타");
        assertThat(found).extracting(FollowUp::demo).containsOnlyNulls();
    }

    @Test
    void linksAFollowUpToTheDemoSectionOnlyWhenTheDemoAnswersIt() {
        Talk talk = TalkControllerTests.talk("context-state-management", "컨텍스트", 1, 4, List.of(), List.of("context"), """
                ## 기타
                Context의 AfterFunc() 살펴보기

                Go Report Card 또한 한번 확인해보기
                """);
        Catalog catalog = mock(Catalog.class);
        given(catalog.talks()).willReturn(List.of(talk));
        DemoAnswers answers = (demoIds, text) -> demoIds.contains("context") && text.contains("AfterFunc")
                ? Optional.of(new DemoAnswers.DemoAnswer("context", "afterfunc", "AfterFunc")) : Optional.empty();

        List<FollowUp> found = new FollowUpFinder(catalog, new MarkdownRenderer(), answers).all();

        assertThat(found).extracting(FollowUp::text, FollowUp::demo)
            .containsExactly(tuple("Context의 AfterFunc() 살펴보기", "context"), tuple("Go Report Card 또한 한번 확인해보기", null));
        assertThat(found.getFirst().answer().url()).isEqualTo("#afterfunc");
        assertThat(found.get(1).answered()).isFalse();
    }

    @Test
    void theAuthorsAnswerComesFirstThenTheDemoThenALinkOnTheLine() {
        Talk talk = TalkControllerTests.talk("context-state-management", "컨텍스트", 1, 4, List.of(), List.of("context"), """
                ## 기타
                Context의 AfterFunc() 살펴보기

                소멸자 알아보기

                자료는 https://go.dev/doc/gc-guide 에서 찾아보기

                Go Report Card 또한 한번 확인해보기
                """, List.of(new FollowUpAnswer("AfterFunc()살펴", "작성자의 답", null, "#기타")));
        Catalog catalog = mock(Catalog.class);
        given(catalog.talks()).willReturn(List.of(talk));
        DemoAnswers answers = (demoIds, text) -> Optional.of(new DemoAnswers.DemoAnswer("context", "", ""))
            .filter(a -> text.contains("AfterFunc") || text.contains("소멸자"));

        List<FollowUp> found = new FollowUpFinder(catalog, new MarkdownRenderer(), answers).all();

        assertThat(found).extracting(f -> f.answered() ? f.answer().source() : null)
            .containsExactly(FollowUp.Source.AUTHOR, FollowUp.Source.DEMO, FollowUp.Source.NOTES, null);
        assertThat(found).extracting(f -> f.answered() ? f.answer().url() : null)
            .containsExactly("#기타", "#demo-context", "https://go.dev/doc/gc-guide", null);
        assertThat(found.getFirst().answer().text(java.util.Locale.ENGLISH)).isEqualTo("작성자의 답");
    }
}
