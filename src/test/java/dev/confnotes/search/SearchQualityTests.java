package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The quality set: for each query, the talk a reader means must be among the first three results.
 * Korean (with particles, compounds, loanwords, a word still being typed), English and technical
 * terms, speakers and companies, and mixed queries, over the fourteen talks of the seed notes.
 */
class SearchQualityTests extends SearchIntegrationTestSupport {

    @Autowired
    SearchService search;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            테스트              | go-testing
            테스트코드          | api-server-testing
            테스트를            | go-testing
            고루틴              | api-server-testing
            고루                | api-server-testing
            GOGC                | gc-in-golang
            gogc                | gc-in-golang
            pprof               | profiling-tracing
            /proc               | server-monitoring
            /proc/stat          | server-monitoring
            eBPF                | ebpf-tracing
            EBPF                | ebpf-tracing
            STW                 | gc-in-golang
            컨텍스트 취소        | context-state
            컨텍스트를          | context-state
            쿠버네티스          | prometheus-kubernetes
            쿠버                | prometheus-kubernetes
            람다                | aws-lambda-kafka
            카프카              | aws-lambda-kafka
            kafka               | aws-lambda-kafka
            레이턴시            | latency-500x
            모니터링            | server-monitoring
            프로메테우스        | prometheus-kubernetes
            프로메              | prometheus-kubernetes
            AfterFunc           | context-state
            withCancel          | context-state
            데드라인            | context-state
            fiber               | latency-500x
            fasthttp            | latency-500x
            Cold start          | latency-500x
            write barrier       | gc-in-golang
            메모리 단편화        | gc-in-golang
            Soft Memory Limit   | gc-in-golang
            bpftrace            | ebpf-tracing
            eBPF 추적           | ebpf-tracing
            Autopprof           | golang-four-years
            당근마켓            | golang-four-years
            인수 테스트          | scenario-tester
            mockery             | api-server-testing
            go-cmp              | api-server-testing
            Clean Architecture  | api-server-testing
            CNCF                | open-source-in-go
            오픈소스 기여        | open-source-in-go
            K8S                 | datacenter-automation
            현대자동차          | datacenter-automation
            SQS                 | aws-lambda-kafka
            meminfo             | server-monitoring
            타노스              | prometheus-kubernetes
            gotraceui           | profiling-tracing
            프로파일링          | profiling-tracing
            김정민              | go-testing
            Go 테스트           | go-testing
            """)
    void expectedTalkIsInTheTopThree(String query, String slug) {
        List<String> top = search.search(SearchRequest.of(query), false)
            .talks()
            .stream()
            .limit(3)
            .map(SearchResults.TalkHit::slug)
            .toList();
        assertThat(top).as("top 3 for '%s'", query).contains(slug);
    }
}
