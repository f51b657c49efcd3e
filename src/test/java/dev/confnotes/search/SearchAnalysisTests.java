package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The analyzers as Hibernate Search registered them, and why each is there. */
class SearchAnalysisTests extends SearchIntegrationTestSupport {

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void koreanAnalyzerFindsTestInTestCodeAndDropsParticles() throws IOException {
        assertThat(tokens(SearchAnalysis.KOREAN, "테스트코드를 작성")).contains("테스트", "코드", "작성")
            .doesNotContain("를");
    }

    @Test
    void mixedDecompoundingKeepsTheCompoundAndItsPartsWhereDiscardKeepsOnlyTheParts() throws IOException {
        // 테스트코드 is not in Nori's dictionary: both modes cut it into 테스트 + 코드, so both find it from
        // 테스트. A dictionary compound shows the difference: mixed also keeps the whole word, so a search
        // for the compound itself scores the exact word higher.
        assertThat(nori(KoreanTokenizer.DecompoundMode.MIXED, "테스트코드")).contains("테스트");
        assertThat(nori(KoreanTokenizer.DecompoundMode.DISCARD, "테스트코드")).contains("테스트");
        assertThat(nori(KoreanTokenizer.DecompoundMode.MIXED, "가곡역")).contains("가곡역", "가곡", "역");
        assertThat(nori(KoreanTokenizer.DecompoundMode.DISCARD, "가곡역")).doesNotContain("가곡역");
        assertThat(SearchAnalysis.DECOMPOUND_MODE).isEqualTo("mixed");
    }

    @Test
    void noriSplitsLoanwordsSoThePrefixFieldKeepsThemWhole() throws IOException {
        assertThat(tokens(SearchAnalysis.KOREAN, "고루틴과 쿠버네티스의")).doesNotContain("고루틴", "쿠버네티스");
        assertThat(tokens(SearchAnalysis.PREFIX, "고루틴과 쿠버네티스의")).contains("고루", "고루틴", "고루틴과", "쿠버",
                "쿠버네티스");
        assertThat(tokens(SearchAnalysis.PREFIX_QUERY, "고루틴")).containsExactly("고루틴");
    }

    @Test
    void codeAnalyzerKeepsTechnicalTermsWholeAndLowercased() throws IOException {
        assertThat(tokens(SearchAnalysis.CODE, "/proc/stat 과 net/http, K8S, go-cmp, eBPF는 GOGC."))
            .contains("/proc", "/proc/stat", "net/http", "k8s", "go-cmp", "ebpf", "gogc")
            .doesNotContain("gogc.", "ebpf는");
        assertThat(tokens(SearchAnalysis.CODE_QUERY, "/PROC")).containsExactly("/proc");
    }

    @Test
    void koreanAnalyzerDropsSlashAndSplitsK8s() throws IOException {
        // Why the code field exists: Nori alone loses the slash and splits letters from digits.
        assertThat(tokens(SearchAnalysis.KOREAN, "/proc K8S")).containsExactly("proc", "k", "8", "s");
    }

    private List<String> tokens(String analyzerName, String text) throws IOException {
        Analyzer analyzer = Search.mapping(entityManagerFactory)
            .backend()
            .unwrap(LuceneBackend.class)
            .analyzer(analyzerName)
            .orElseThrow();
        try (TokenStream stream = analyzer.tokenStream("field", new StringReader(text))) {
            return drain(stream);
        }
    }

    private static List<String> nori(KoreanTokenizer.DecompoundMode mode, String text) throws IOException {
        try (Tokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null, mode,
                false)) {
            tokenizer.setReader(new StringReader(text));
            return drain(tokenizer);
        }
    }

    private static List<String> drain(TokenStream stream) throws IOException {
        List<String> out = new ArrayList<>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
            out.add(term.toString());
        }
        stream.end();
        return out;
    }
}
