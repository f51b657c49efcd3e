package dev.confnotes.search;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SearchExploreTests extends SearchIntegrationTestSupport {

    @Autowired
    EntityManagerFactory emf;

    @Autowired
    SearchService search;

    @Test
    void explore() throws Exception {
        LuceneBackend backend = Search.mapping(emf).backend().unwrap(LuceneBackend.class);
        for (String a : List.of("korean", "prefix", "code")) {
            Analyzer analyzer = backend.analyzer(a).orElseThrow();
            for (String text : List.of("테스트코드를 작성", "고루틴과 채널", "GOGC & Soft Memory Limit", "/proc/stat 과 eBPF는", "STW(stop the world)는", "K8S Operator", "컨텍스트 취소", "AfterFunc() 살펴보기", "쿠버네티스의 메트릭")) {
                System.out.println(a + " | " + text + " -> " + tokens(analyzer, text));
            }
        }
        for (String q : List.of("테스트", "테스트코드", "고루틴", "고루", "GOGC", "pprof", "/proc", "eBPF", "STW", "컨텍스트 취소", "쿠버네티스", "람다", "카프카", "레이턴시", "모니터링", "프로메테우스", "AfterFunc", "fiber", "<script>alert(1)</script>", "\" ( ) * ~ : \\ [ ] ^ ! ?", "의")) {
            SearchResults r = search.search(SearchRequest.of(q));
            System.out.println("Q " + q + " total=" + r.talkCount() + " relaxed=" + r.relaxed());
            r.talks().stream().limit(3).forEach(t -> System.out.println("   " + t.slug() + " " + t.score() + " " + t.titleHtml() + " #" + t.anchor() + " " + t.snippets()));
        }
    }

    @Test
    void prefixHighlight() {
        var em = emf.createEntityManager();
        var session = Search.session(em);
        var hits = session.search(TalkSection.class)
            .select(f -> f.composite().from(f.highlight("body_prefix"), f.highlight("body"), f.highlight("title_prefix")).asList())
            .where(f -> f.match().field("body_prefix").field("title_prefix").matching("고루"))
            .highlighter(h -> h.plain().tag("<mark>", "</mark>"))
            .fetchHits(3);
        hits.forEach(h -> System.out.println("HL " + h));
        em.close();
    }

    static List<String> tokens(Analyzer analyzer, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
