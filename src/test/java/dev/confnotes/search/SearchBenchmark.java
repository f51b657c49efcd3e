package dev.confnotes.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Search at 10,000 talks: not a test, a measurement (see docs/benchmarks.md). Generates 10,000
 * synthetic talks (three sections each, plus the whole-talk row) from the fixture notes' own
 * vocabulary, indexes them, then runs one mix of queries through {@link SearchService} and through a
 * plain SQL {@code LIKE} over the same rows in the same H2 database, and prints p50/p90/p99/max for
 * both. Two search paths, as the app runs them: (a) {@code /api/search} and the header dropdown (hits
 * with marked snippets, no filter counts), the headline number; (b) the full {@code /search} page
 * (the same plus the filter-count query). Searches are timed cold (the result cache emptied before
 * each), on distinct queries no cache has seen, and repeated (cached); the ratios to {@code LIKE} are
 * for the cold and the distinct runs. The load average is printed before and after.
 *
 * <pre>./mvnw -q -B test -Dtest=SearchBenchmark -Dbench=true</pre>
 *
 * Its name does not end in {@code Tests}, so the normal build never runs it; without
 * {@code -Dbench=true} it is skipped even when named. {@link SearchBenchmarkSmokeTests} runs the same
 * code at a small scale in every build: it checks that every figure is produced, never a time.
 * <p>
 * The synonym dictionary is on throughout (its expansion is part of every search timed): most of the
 * mix's words have equivalents. A third sample, (c), times cross-script queries and typos, which also
 * run the spelling check.
 */
@Tag("benchmark")
class SearchBenchmark extends SearchIntegrationTestSupport {

    /** How much is generated and timed. */
    record Scale(int talks, int warmup, int api, int page, int distinct, int distinctPage, int repeated, int like,
            int crossScript) {

        static final Scale FULL = new Scale(10_000, 300, 4000, 2000, 2000, 200, 4000, 200, 1000);
    }

    /** Cross-script terms (through the dictionary) and typos (through the spelling check). */
    static final List<String> CROSS_SCRIPT = List.of("가비지 컬렉션", "garbage collection", "goroutine", "kubernetes",
            "k8s", "latency", "kafka 컨슈머", "kubernets", "고루팀", "프로메테오스", "모니터링을", "쿠버네티스에서");

    private static final int SECTIONS = 3;

    private static final List<String> QUERIES = List.of("고루틴", "테스트", "GOGC", "컨텍스트 취소", "pprof", "/proc",
            "모니터링", "쿠버네티스", "레이턴시", "eBPF", "STW", "write barrier", "프로메", "카프카", "fiber", "테스트코드",
            "메모리 단편화", "AfterFunc", "람다", "인수 테스트");

    @Autowired
    SearchService search;

    @Autowired
    TalkSectionRepository sections;

    @Autowired
    SearchIndexer indexer;

    @Autowired
    Synonyms synonyms;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;


    private static Path indexDir;

    /** The index on disk, as the app keeps it by default (the other search tests keep theirs on the heap). */
    @DynamicPropertySource
    static void indexOnDisk(DynamicPropertyRegistry registry) throws IOException {
        indexDir = Files.createTempDirectory("confnotes-bench-index");
        registry.add("confnotes.search.directory", () -> "local-filesystem");
        registry.add("confnotes.search.index-dir", indexDir::toString);
    }

    @AfterAll
    static void deleteIndex() throws IOException {
        if (indexDir != null) {
            FileSystemUtils.deleteRecursively(indexDir);
        }
    }

    /** The scale of this run; the smoke test's is small. */
    Scale scale() {
        return Scale.FULL;
    }

    /** Whether this run may go ahead: the full benchmark only when asked for. */
    boolean enabled() {
        return Boolean.getBoolean("bench");
    }

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(enabled(), "run with -Dbench=true");
        Map<String, long[]> figures = run(scale());
        checkFigures(figures);
    }

    /** What a run must produce: every sample filled, every percentile a time, every ratio a number. */
    void checkFigures(Map<String, long[]> figures) {
        org.assertj.core.api.Assertions.assertThat(figures).hasSize(12);
        figures.forEach((name, sorted) -> {
            org.assertj.core.api.Assertions.assertThat(sorted).as(name).isNotEmpty();
            org.assertj.core.api.Assertions.assertThat(pct(sorted, 99)).as(name).isPositive();
        });
    }

    /** Generates, indexes, times and prints; returns every sample (sorted nanoseconds) by name. */
    Map<String, long[]> run(Scale scale) throws Exception {
        List<String> words = vocabulary();
        long indexStart = System.nanoTime();
        generate(words, scale.talks());
        // 40 batches leave the index in many segments; the app merges them after any change to many
        // talks at once, and so does this run, through the same method.
        indexer.compact();
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

        // Warm-up (JIT) of both paths, uncached.
        for (int i = 0; i < scale.warmup(); i++) {
            search.searchIndex(SearchRequest.of(QUERIES.get(i % QUERIES.size())), true);
            search.searchIndex(SearchRequest.of(QUERIES.get(i % QUERIES.size())), false);
            if (i < 40) {
                like(QUERIES.get(i % QUERIES.size()), i < 20);
            }
        }
        for (String query : List.of("고루틴", "컨텍스트 취소", "/proc", "write barrier")) {
            List<SearchResults.TalkHit> found = search.searchIndex(SearchRequest.of(query), false).talks();
            org.assertj.core.api.Assertions.assertThat(found).as("hits for %s", query).isNotEmpty();
            SearchResults.TalkHit top = found.getFirst();
            System.out.printf("SNIPPET %s -> %s | %s | %s%n", query, top.titleHtml(),
                    top.sections().getFirst().headingHtml(), top.snippets());
        }
        System.gc();
        double loadBefore = loadAverage();

        // (a) API and header dropdown: hits with marked snippets, no filter counts. Cold: the result
        // cache is emptied before every search, so each one runs every query on the index.
        long gcBefore = gcMillis();
        long[] api = new long[scale.api()];
        long[] apiCpu = new long[api.length];
        for (int i = 0; i < api.length; i++) {
            search.invalidateCache();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            search.search(SearchRequest.of(QUERIES.get(i % QUERIES.size())), false);
            api[i] = System.nanoTime() - start;
            apiCpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
        long gcDuring = gcMillis() - gcBefore;
        // (b) The full /search page: the same, plus the filter-count query.
        long[] page = new long[scale.page()];
        long[] pageCpu = new long[page.length];
        for (int i = 0; i < page.length; i++) {
            search.invalidateCache();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            search.search(SearchRequest.of(QUERIES.get(i % QUERIES.size())), true);
            page[i] = System.nanoTime() - start;
            pageCpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
        // Distinct: queries no cache (ours or Lucene's) has seen: fresh words (and pairs) of the vocabulary.
        List<String> fresh = distinctQueries(words, scale.distinct() + scale.distinctPage() + scale.like());
        long[] distinct = new long[scale.distinct()];
        long[] distinctCpu = new long[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            search.search(SearchRequest.of(fresh.get(i)), false);
            distinct[i] = System.nanoTime() - start;
            distinctCpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
        long[] distinctPage = new long[scale.distinctPage()];
        for (int i = 0; i < distinctPage.length; i++) {
            long start = System.nanoTime();
            search.search(SearchRequest.of(fresh.get(scale.distinct() + i)), true);
            distinctPage[i] = System.nanoTime() - start;
        }
        // Repeated: the same 20 queries again and again, answered by the result cache after their first run.
        search.invalidateCache();
        long[] repeated = new long[scale.repeated()];
        for (int i = 0; i < repeated.length; i++) {
            long start = System.nanoTime();
            search.search(SearchRequest.of(QUERIES.get(i % QUERIES.size())));
            repeated[i] = System.nanoTime() - start;
        }
        long[] baseline = new long[scale.like()];
        for (int i = 0; i < baseline.length; i++) {
            long start = System.nanoTime();
            like(QUERIES.get(i % QUERIES.size()), false);
            baseline[i] = System.nanoTime() - start;
        }
        long[] distinctLike = new long[scale.like()];
        for (int i = 0; i < distinctLike.length; i++) {
            long start = System.nanoTime();
            like(fresh.get(scale.distinct() + scale.distinctPage() + i), false);
            distinctLike[i] = System.nanoTime() - start;
        }
        // (c) Cross-script terms and typos, cold: the dictionary's equivalents, and the spelling check.
        long[] crossScript = new long[scale.crossScript()];
        long[] crossScriptCpu = new long[crossScript.length];
        for (int i = 0; i < crossScript.length; i++) {
            search.invalidateCache();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            search.search(SearchRequest.of(CROSS_SCRIPT.get(i % CROSS_SCRIPT.size())), false);
            crossScript[i] = System.nanoTime() - start;
            crossScriptCpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
        double loadAfter = loadAverage();
        Map<String, long[]> figures = new LinkedHashMap<>();
        figures.put("api", api);
        figures.put("apiCpu", apiCpu);
        figures.put("page", page);
        figures.put("pageCpu", pageCpu);
        figures.put("distinct", distinct);
        figures.put("distinctCpu", distinctCpu);
        figures.put("distinctPage", distinctPage);
        figures.put("repeated", repeated);
        figures.put("like", baseline);
        figures.put("distinctLike", distinctLike);
        figures.put("crossScript", crossScript);
        figures.put("crossScriptCpu", crossScriptCpu);
        for (long[] sample : figures.values()) {
            Arrays.sort(sample);
        }
        long expanded = QUERIES.stream()
            .filter(q -> search.expand(SearchRequest.of(q)).stream().anyMatch(SynonymDictionary.Term::hasEquivalents))
            .count();
        System.out.printf(Locale.ROOT,
                "%nBENCH talks=%d sections=%d rows=%d indexing=%.1fs cores=%d java=%s load=%.2f..%.2f%n",
                scale.talks(), scale.talks() * SECTIONS, sections.count(), indexSeconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "BENCH synonyms: %d groups; %d of the %d mix queries have equivalents%n",
                synonyms.dictionary().groups(), expanded, QUERIES.size());
        print("(a) api/dropdown, mix, cold", api);
        print("  (its CPU time, this thread)", apiCpu);
        System.out.printf(Locale.ROOT, "BENCH   gc during the %d cold api searches: %d ms%n", api.length, gcDuring);
        print("(b) page + counts, mix, cold", page);
        print("  (its CPU time, this thread)", pageCpu);
        print("(a) api/dropdown, distinct", distinct);
        print("  (its CPU time, this thread)", distinctCpu);
        print("(b) page + counts, distinct", distinctPage);
        print("(c) cross-script + typos, cold", crossScript);
        print("  (its CPU time, this thread)", crossScriptCpu);
        print("page, mix, repeated (cached)", repeated);
        print("like, mix", baseline);
        print("like, distinct", distinctLike);
        ratio("(a) mix cold", baseline, api);
        ratio("(a) distinct", distinctLike, distinct);
        ratio("(b) mix cold", baseline, page);
        ratio("(b) distinct", distinctLike, distinctPage);
        return figures;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
        .getThreadMXBean();

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void ratio(String name, long[] like, long[] engine) {
        System.out.printf(Locale.ROOT, "BENCH ratio like / search (%s): p50=%.1fx p90=%.1fx p99=%.1fx%n", name,
                (double) pct(like, 50) / pct(engine, 50), (double) pct(like, 90) / pct(engine, 90),
                (double) pct(like, 99) / pct(engine, 99));
    }

    /**
     * Queries unlike any before them in the run: distinct words of the vocabulary (as written, particles
     * and all), one in four followed by a second word, in a fixed random order; none of the mix.
     */
    private static List<String> distinctQueries(List<String> words, int count) {
        List<String> unique = new ArrayList<>(new java.util.LinkedHashSet<>(words.stream()
            .map(w -> String.join(" ", SearchRequest.of(w).tokens()))
            .filter(w -> w.length() >= 2 && !QUERIES.contains(w))
            .toList()));
        java.util.Collections.shuffle(unique, new Random(7));
        Random random = new Random(11);
        java.util.Set<String> seen = new java.util.HashSet<>(QUERIES);
        List<String> queries = new ArrayList<>();
        for (int i = 0; queries.size() < count; i++) {
            String query = unique.get(i % unique.size());
            if (i >= unique.size() || random.nextInt(4) == 0) {
                query = query + " " + unique.get(random.nextInt(unique.size()));
            }
            if (seen.add(query)) {
                queries.add(query);
            }
        }
        return queries;
    }

    private static void print(String name, long[] sorted) {
        System.out.printf(Locale.ROOT, "BENCH %-32s n=%-5d p50=%7.2fms p90=%7.2fms p99=%7.2fms max=%7.2fms%n", name,
                sorted.length, ms(pct(sorted, 50)), ms(pct(sorted, 90)), ms(pct(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
            .stream()
            .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
            .sum();
    }

    /**
     * The LIKE baseline, doing what the page needs: every word somewhere in the title, heading or
     * body; the number of matching talks, and the first ten of them (unranked, so it does less than
     * the engine, which also ranks, highlights and counts per filter).
     */
    private List<String> like(String query, boolean print) {
        List<String> tokens = SearchRequest.of(query).tokens();
        StringBuilder sql = new StringBuilder("select slug from talk_section where whole_talk = false");
        List<Object> args = new ArrayList<>();
        for (String token : tokens) {
            sql.append(" and (lower(title) like ? or lower(heading) like ? or lower(body) like ?)");
            String pattern = "%" + token.toLowerCase(Locale.ROOT) + "%";
            args.add(pattern);
            args.add(pattern);
            args.add(pattern);
        }
        List<String> slugs = jdbc.queryForList(sql.toString(), String.class, args.toArray())
            .stream()
            .distinct()
            .toList();
        slugs = slugs.subList(0, Math.min(10, slugs.size()));
        if (print) {
            System.out.println("LIKE " + query + " -> " + slugs.size());
        }
        return slugs;
    }

    private void generate(List<String> words, int talkCount) {
        Random random = new Random(42);
        List<String> speakers = List.of("김정민", "박세현", "최정민", "권용민", "라스", "조훈", "김수빈", "임찬식");
        List<String> companies = List.of("AB180", "당근마켓", "라인플러스", "Samsung SDS", "와탑랩스", "메가존소프트");
        List<String> tags = List.of("testing", "gc", "context", "monitoring", "kubernetes", "performance", "ebpf",
                "kafka");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        int batch = 250;
        for (int from = 0; from < talkCount; from += batch) {
            int start = from;
            tx.executeWithoutResult(status -> {
                List<TalkSection> rows = new ArrayList<>();
                for (int t = start; t < Math.min(talkCount, start + batch); t++) {
                    String slug = "bench-" + t;
                    String title = phrase(words, random, 6);
                    String speaker = speakers.get(random.nextInt(speakers.size()));
                    String company = companies.get(random.nextInt(companies.size()));
                    int day = 1 + random.nextInt(2);
                    List<String> talkTags = List.of(tags.get(random.nextInt(tags.size())),
                            tags.get(random.nextInt(tags.size()))).stream().distinct().toList();
                    StringBuilder whole = new StringBuilder();
                    for (int s = 0; s < SECTIONS; s++) {
                        String heading = phrase(words, random, 3);
                        String body = phrase(words, random, 45);
                        whole.append(heading).append('\n').append(body).append("\n\n");
                        rows.add(new TalkSection(slug, "bench", false, s, "section-" + s, title, speaker, company, day,
                                talkTags, heading, body));
                    }
                    rows.add(new TalkSection(slug, "bench", true, -1, "", title, speaker, company, day, talkTags, "",
                            whole.toString()));
                }
                sections.saveAll(rows);
            });
        }
    }

    private static String phrase(List<String> words, Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
        }
        return out.toString();
    }

    /** Every word of the fixture notes (the seed's own vocabulary), with its particles as written. */
    private static List<String> vocabulary() throws Exception {
        Path dir = SearchFixture.dir();
        List<String> words = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String text = Files.readString(file);
                text = text.substring(text.indexOf("---", 3) + 3);
                for (String word : text.split("[\\s#>*`|\\-]+")) {
                    if (!word.isBlank()) {
                        words.add(word.strip());
                    }
                }
            }
        }
        return words;
    }

    private static long pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
