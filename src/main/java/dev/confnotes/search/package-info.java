/**
 * Full-text search over the notes. Each talk is indexed as one document per section of its notes
 * ({@link dev.confnotes.search.TalkSection}, rebuilt from the rendered notes whenever the catalog
 * sync names the talk) plus one whole-talk document used only to count talks per filter. Hibernate
 * Search with its embedded Lucene backend does the indexing; Korean text goes through Nori, with an
 * edge-n-gram field beside it for prefixes and loanwords and a field that keeps technical terms
 * such as {@code /proc}, {@code GOGC} or {@code net/http} whole. The page and the JSON API share
 * {@link dev.confnotes.search.SearchService}, which treats every query as plain words, bridges
 * Hangul, English and abbreviations through a dictionary of equivalent terms applied at query time
 * ({@link dev.confnotes.search.Synonyms}), and offers "did you mean" for words the index does not
 * know ({@link dev.confnotes.search.SpellingSuggester}, Hangul compared by jamo).
 */
package dev.confnotes.search;
