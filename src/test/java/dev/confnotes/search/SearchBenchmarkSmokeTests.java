package dev.confnotes.search;

/**
 * {@link SearchBenchmark} at a small scale, in every build: the same generation, indexing, query mix
 * and LIKE baseline, so the benchmark cannot rot between full runs. It checks that every figure is
 * produced (and that the mix finds talks), never how fast: times belong in docs/benchmarks.md.
 */
class SearchBenchmarkSmokeTests extends SearchBenchmark {

    @Override
    Scale scale() {
        return new Scale(200, 10, 40, 20, 20, 10, 40, 10, 24);
    }

    @Override
    boolean enabled() {
        return true;
    }
}
