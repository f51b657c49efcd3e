package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.confnotes.search.SynonymDictionary.Term;

class SynonymDictionaryTests {

    private static SynonymDictionary parse(String text, List<SynonymDictionary.Problem> problems) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("test.txt", text);
        return SynonymDictionary.parse(sources, problems);
    }

    private static SynonymDictionary parse(String text) {
        return parse(text, new ArrayList<>());
    }

    @Test
    void aGroupMakesEachTermEquivalentToTheOthersIgnoringCase() {
        SynonymDictionary dictionary = parse("# comment\n쿠버네티스, Kubernetes, K8S\n");
        assertThat(dictionary.equivalentsOf("k8s")).containsExactly("쿠버네티스", "kubernetes");
        assertThat(dictionary.equivalentsOf("KUBERNETES")).containsExactly("쿠버네티스", "k8s");
        assertThat(dictionary.groups()).isEqualTo(1);
    }

    @Test
    void multiWordTermsMatchTheLongestRunOfQueryWords() {
        SynonymDictionary dictionary = parse("가비지 컬렉션, garbage collection, GC\n컬렉션, collection\n");
        List<Term> terms = dictionary.expand(List.of("Go", "garbage", "collection", "튜닝"));
        assertThat(terms).extracting(Term::typed)
            .containsExactly(List.of("Go"), List.of("garbage", "collection"), List.of("튜닝"));
        assertThat(terms.get(1).from()).isEqualTo(1);
        assertThat(terms.get(1).equivalents()).contains("gc", "가비지 컬렉션", "가비지컬렉션");
        assertThat(terms.get(0).hasEquivalents()).isFalse();
    }

    @Test
    void aHangulTermOfSeveralWordsIsAlsoKnownWrittenAsOne() {
        SynonymDictionary dictionary = parse("가비지 컬렉션, GC\n");
        assertThat(dictionary.expand(List.of("가비지컬렉션")).getFirst().equivalents()).contains("gc");
    }

    @Test
    void aParticleIsTakenOffOnlyWhenADictionaryWordRemains() {
        SynonymDictionary dictionary = parse("가비지 컬렉션, GC\n쿠버네티스, kubernetes\n");
        assertThat(dictionary.expand(List.of("쿠버네티스에서")).getFirst().equivalents()).containsExactly("kubernetes");
        List<Term> terms = dictionary.expand(List.of("가비지", "컬렉션을"));
        assertThat(terms).hasSize(1);
        assertThat(terms.getFirst().typed()).containsExactly("가비지", "컬렉션을");
        assertThat(dictionary.expand(List.of("고도")).getFirst().hasEquivalents()).isFalse();
    }

    @Test
    void groupsSharingATermJoin() {
        SynonymDictionary dictionary = parse("배포, deployment\n디플로이먼트, deployment\n");
        assertThat(dictionary.equivalentsOf("배포")).contains("deployment", "디플로이먼트");
    }

    @Test
    void malformedLinesAreReportedByLineAndLeftOut() {
        List<SynonymDictionary.Problem> problems = new ArrayList<>();
        SynonymDictionary dictionary = parse("고루틴, goroutine\n혼자\n a, , b\n레디스, redis\n", problems);
        assertThat(problems).extracting(SynonymDictionary.Problem::line).containsExactly(2, 3);
        assertThat(problems.getFirst().toString()).startsWith("test.txt:2: ");
        assertThat(dictionary.equivalentsOf("redis")).containsExactly("레디스");
        assertThat(dictionary.groups()).isEqualTo(2);
    }

    @Test
    void theShippedDictionaryHasHundredsOfGroupsAndNoMalformedLine() throws Exception {
        String text;
        try (var in = getClass().getClassLoader().getResourceAsStream(Synonyms.GENERAL)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<SynonymDictionary.Problem> problems = new ArrayList<>();
        SynonymDictionary dictionary = parse(text, problems);
        assertThat(problems).isEmpty();
        assertThat(dictionary.groups()).isGreaterThanOrEqualTo(300);
        assertThat(dictionary.equivalentsOf("가비지 컬렉션")).contains("garbage collection", "gc");
        assertThat(dictionary.equivalentsOf("오퍼레이터")).contains("operator");
        assertThat(dictionary.equivalentsOf("그라파나")).contains("grafana");
    }
}
