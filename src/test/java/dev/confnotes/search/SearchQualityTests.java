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
            가비지 컬렉션        | gc-in-golang
            가비지컬렉션        | gc-in-golang
            가비지 컬렉터        | gc-in-golang
            garbage collection  | gc-in-golang
            garbage collector   | gc-in-golang
            오퍼레이터          | datacenter-automation
            쿠버네티스 오퍼레이터 | datacenter-automation
            그라파나            | open-source-in-go
            카오스              | open-source-in-go
            카오스 엔지니어링    | open-source-in-go
            kubernetes          | prometheus-kubernetes
            k8s                 | datacenter-automation
            lambda              | aws-lambda-kafka
            서버리스            | aws-lambda-kafka
            latency             | latency-500x
            지연 시간            | latency-500x
            profiling           | profiling-tracing
            이비피에프          | ebpf-tracing
            tracing             | profiling-tracing
            트레이싱            | ebpf-tracing
            prometheus          | prometheus-kubernetes
            메트릭              | prometheus-kubernetes
            metrics             | prometheus-kubernetes
            monitoring          | server-monitoring
            고랭                | server-monitoring
            context             | context-state
            cancel              | context-state
            캔슬                | context-state
            deadline            | context-state
            동시성              | context-state
            testing             | go-testing
            단위 테스트          | go-testing
            unit test           | go-testing
            integration test    | go-testing
            acceptance test     | scenario-tester
            퍼징                | go-testing
            fuzzing             | go-testing
            벤치마크            | latency-500x
            open source         | open-source-in-go
            오픈 소스            | open-source-in-go
            contribution        | open-source-in-go
            데이터센터          | datacenter-automation
            데이터 센터          | datacenter-automation
            콜드 스타트          | latency-500x
            파이버              | latency-500x
            힙                  | gc-in-golang
            쓰기 장벽            | gc-in-golang
            라이트 배리어        | gc-in-golang
            스톱 더 월드         | gc-in-golang
            stop the world      | gc-in-golang
            삼색 마킹            | gc-in-golang
            마크 앤 스윕         | gc-in-golang
            소프트 메모리 제한    | gc-in-golang
            도커                | api-server-testing
            리눅스              | server-monitoring
            커널                | ebpf-tracing
            kernel              | ebpf-tracing
            유프로브            | ebpf-tracing
            제이슨              | scenario-tester
            클린 아키텍처        | api-server-testing
            에러                | latency-500x
            오류                | latency-500x
            고루틴을            | api-server-testing
            고루틴이            | api-server-testing
            쿠버네티스를        | prometheus-kubernetes
            쿠버네티스에서      | prometheus-kubernetes
            프로메테우스로      | prometheus-kubernetes
            카프카와            | aws-lambda-kafka
            람다는              | aws-lambda-kafka
            컨텍스트의          | context-state
            레이턴시를          | latency-500x
            모니터링도          | server-monitoring
            테스트만            | go-testing
            프로파일링까지      | profiling-tracing
            오픈소스부터        | open-source-in-go
            가비지 컬렉션을      | gc-in-golang
            오퍼레이터로        | datacenter-automation
            그라파나와          | open-source-in-go
            메트릭을            | prometheus-kubernetes
            데드라인이          | context-state
            타노스는            | prometheus-kubernetes
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

    /**
     * Typos: the query as typed finds too little, and the correction offered (one click) finds the
     * talk in its top three.
     */
    @ParameterizedTest(name = "{0} → {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            kubernets           | kubernetes          | prometheus-kubernetes
            kuberentes          | kubernetes          | prometheus-kubernetes
            promethues          | prometheus          | prometheus-kubernetes
            고루팀              | 고루틴              | api-server-testing
            고로틴              | 고루틴              | api-server-testing
            쿠버네티즈          | 쿠버네티스          | prometheus-kubernetes
            프로메테오스        | 프로메테우스        | prometheus-kubernetes
            캬프카              | 카프카              | aws-lambda-kafka
            컨택스트            | 컨텍스트            | context-state
            레이턴씨            | 레이턴시            | latency-500x
            프로파일닝          | 프로파일링          | profiling-tracing
            타노수              | 타노스              | prometheus-kubernetes
            gogv                | gogc                | gc-in-golang
            fasthtp             | fasthttp            | latency-500x
            bpftrce             | bpftrace            | ebpf-tracing
            kafak               | kafka               | aws-lambda-kafka
            mockry              | mockery             | api-server-testing
            lambad              | lambda              | aws-lambda-kafka
            고루팀을            | 고루틴을            | api-server-testing
            가비지 컬랙션        | 가비지 컬렉션        | gc-in-golang
            """)
    void typoIsCorrectedToAQueryThatFindsTheTalk(String typo, String corrected, String slug) {
        SearchResults typed = search.search(SearchRequest.of(typo), false);
        assertThat(typed.suggestion()).as("suggestion for '%s'", typo).isNotNull();
        assertThat(typed.suggestion().query()).isEqualTo(corrected);
        List<String> top = search.search(SearchRequest.of(typed.suggestion().query()), false)
            .talks()
            .stream()
            .limit(3)
            .map(SearchResults.TalkHit::slug)
            .toList();
        assertThat(top).as("top 3 for '%s'", corrected).contains(slug);
    }
}
