package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A particle never hides a noun, over the whole corpus: for every Korean noun of two syllables or
 * more that Nori finds in the notes ({@code talks/*.md}, the app's own content, copied so nothing
 * touches it), the noun with each common particle or ending attached (in the form Korean grammar
 * gives it after that noun: 을/를, 이/가, 은/는, 의, 에, 에서, (으)로, 와/과, 도, 만, 까지, 부터)
 * finds, in its top three, the talk the noun alone finds first. Every miss is listed.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:particle-tests;DB_CLOSE_DELAY=-1",
        "confnotes.search.directory=local-heap", "confnotes.talks.watch=false",
        "logging.level.org.hibernate.search=WARN" })
class SearchParticlePropertyTests {

    private static final Path CORPUS = Path.of("talks");

    private static Path copy;

    @Autowired
    SearchService search;

    @DynamicPropertySource
    static void talks(DynamicPropertyRegistry registry) throws IOException {
        copy = Files.createTempDirectory("confnotes-particle-talks");
        FileSystemUtils.copyRecursively(CORPUS, copy);
        registry.add("confnotes.talks.dir", copy::toString);
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        FileSystemUtils.deleteRecursively(copy);
    }

    /** The particle or ending after a noun, chosen by whether its last syllable ends in a consonant. */
    static List<String> particles(String noun) {
        char last = noun.charAt(noun.length() - 1);
        int tail = (last - 0xAC00) % 28;
        boolean consonant = tail != 0;
        boolean rieul = tail == 8;
        return List.of(consonant ? "을" : "를", consonant ? "이" : "가", consonant ? "은" : "는", "의", "에", "에서",
                consonant && !rieul ? "으로" : "로", consonant ? "과" : "와", "도", "만", "까지", "부터");
    }

    @Test
    void everyNounWithAParticleFindsTheTalkTheNounAloneFinds() throws IOException {
        Set<String> nouns = nouns();
        assertThat(nouns).hasSizeGreaterThan(100);
        List<String> misses = new ArrayList<>();
        int checked = 0;
        for (String noun : nouns) {
            List<String> alone = top(noun, 1);
            if (alone.isEmpty()) {
                misses.add(noun + " alone finds nothing");
                continue;
            }
            for (String particle : particles(noun)) {
                checked++;
                List<String> withParticle = top(noun + particle, 3);
                if (!withParticle.contains(alone.getFirst())) {
                    misses.add(noun + particle + " → " + withParticle + ", not " + alone.getFirst());
                }
            }
        }
        System.out.printf("Particle property: %d nouns, %d queries with a particle, %d misses%n", nouns.size(),
                checked, misses.size());
        assertThat(misses).as("of %d queries", checked).isEmpty();
    }

    private List<String> top(String query, int count) {
        return search.search(SearchRequest.of(query), false)
            .talks()
            .stream()
            .limit(count)
            .map(SearchResults.TalkHit::slug)
            .toList();
    }

    /** Nouns (common and proper) Nori finds in the notes' text, front matter left out. */
    private static Set<String> nouns() throws IOException {
        Set<String> nouns = new TreeSet<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf("\n---", 3);
                String body = end < 0 ? text : text.substring(end + 4);
                try (KoreanTokenizer tokenizer = new KoreanTokenizer(KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                        null, KoreanTokenizer.DecompoundMode.MIXED, false, true)) {
                    tokenizer.setReader(new StringReader(body));
                    CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
                    PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);
                    tokenizer.reset();
                    while (tokenizer.incrementToken()) {
                        POS.Tag tag = pos.getLeftPOS();
                        String word = term.toString();
                        if ((tag == POS.Tag.NNG || tag == POS.Tag.NNP) && word.length() >= 2
                                && SynonymDictionary.isHangul(word)) {
                            nouns.add(word);
                        }
                    }
                    tokenizer.end();
                }
            }
        }
        return nouns;
    }
}
