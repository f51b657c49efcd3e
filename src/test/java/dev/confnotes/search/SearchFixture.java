package dev.confnotes.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

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
                FileSystemUtils.copyRecursively(source, target);
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
