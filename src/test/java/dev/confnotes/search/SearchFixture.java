package dev.confnotes.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The fourteen talks of the seed notes as talk files, copied once per test run into a temporary
 * folder that tests may change (add, edit, delete files) without touching the sources.
 */
final class SearchFixture {

    private static Path dir;

    private SearchFixture() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path source = Path.of(SearchFixture.class.getResource("/search-fixture").toURI());
                Path target = Files.createTempDirectory("confnotes-search-talks");
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, target.resolve(file.getFileName()));
                    }
                }
                target.toFile().deleteOnExit();
                dir = target;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (URISyntaxException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return dir;
    }
}
