package dev.confnotes.search;

import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilterFactory;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilterFactory;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilterFactory;
import org.apache.lucene.analysis.ko.KoreanTokenizerFactory;
import org.apache.lucene.analysis.ngram.EdgeNGramFilterFactory;
import org.apache.lucene.analysis.pattern.PatternReplaceFilterFactory;
import org.apache.lucene.analysis.pattern.PatternTokenizerFactory;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers search uses, registered with Hibernate Search through
 * {@code hibernate.search.backend.analysis.configurer}.
 * <ul>
 * <li>{@value #KOREAN}: Nori, decompounding in "mixed" mode (a compound is indexed whole and as its
 * parts, so {@code 테스트} finds {@code 테스트코드}), particles and endings dropped by part of speech,
 * Hanja read as Hangul, lowercased.</li>
 * <li>{@value #PREFIX}: words split at spaces and punctuation, lowercased, indexed with every prefix
 * (edge n-grams of 1 to 20 characters). Matches what is being typed, and Korean words with a
 * particle attached ({@code 고루틴과}), and loanwords Nori splits in two ({@code 고루틴} → 고루 + 틴).
 * Searched with {@value #PREFIX_QUERY}, which does not n-gram the query.</li>
 * <li>{@value #CODE}: runs of Latin letters, digits and {@code _ / . + # -}, so {@code /proc/stat},
 * {@code net/http}, {@code go-cmp}, {@code K8S} and {@code 1.20} stay whole (Nori would split or drop
 * them), lowercased and indexed with their prefixes; searched with {@value #CODE_QUERY}.</li>
 * </ul>
 */
public class SearchAnalysis implements LuceneAnalysisConfigurer {

    static final String KOREAN = "korean";

    static final String PREFIX = "prefix";

    static final String PREFIX_QUERY = "prefix_query";

    static final String CODE = "code";

    static final String CODE_QUERY = "code_query";

    /** What the code analyzers treat as one technical term: must hold a letter or digit. */
    static final String CODE_TOKEN = "[A-Za-z0-9_/.+#-]*[A-Za-z0-9][A-Za-z0-9_/.+#-]*";

    static final String DECOMPOUND_MODE = "mixed";

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(KOREAN)
            .custom()
            .tokenizer(KoreanTokenizerFactory.class)
            .param("decompoundMode", DECOMPOUND_MODE)
            .param("discardPunctuation", "true")
            .tokenFilter(KoreanPartOfSpeechStopFilterFactory.class)
            .tokenFilter(KoreanReadingFormFilterFactory.class)
            .tokenFilter(LowerCaseFilterFactory.class);

        context.analyzer(PREFIX)
            .custom()
            .tokenizer(StandardTokenizerFactory.class)
            .tokenFilter(LowerCaseFilterFactory.class)
            .tokenFilter(EdgeNGramFilterFactory.class)
            .param("minGramSize", "1")
            .param("maxGramSize", "20")
            .param("preserveOriginal", "true");
        context.analyzer(PREFIX_QUERY)
            .custom()
            .tokenizer(StandardTokenizerFactory.class)
            .tokenFilter(LowerCaseFilterFactory.class)
            .tokenFilter(TruncateTokenFilterFactory.class)
            .param("prefixLength", "20");

        context.analyzer(CODE)
            .custom()
            .tokenizer(PatternTokenizerFactory.class)
            .param("pattern", CODE_TOKEN)
            .param("group", "0")
            .tokenFilter(PatternReplaceFilterFactory.class)
            .param("pattern", "[.\\-]+$")
            .param("replacement", "")
            .tokenFilter(LowerCaseFilterFactory.class)
            .tokenFilter(EdgeNGramFilterFactory.class)
            .param("minGramSize", "2")
            .param("maxGramSize", "30")
            .param("preserveOriginal", "true");
        context.analyzer(CODE_QUERY)
            .custom()
            .tokenizer(PatternTokenizerFactory.class)
            .param("pattern", CODE_TOKEN)
            .param("group", "0")
            .tokenFilter(PatternReplaceFilterFactory.class)
            .param("pattern", "[.\\-]+$")
            .param("replacement", "")
            .tokenFilter(LowerCaseFilterFactory.class);
    }
}
