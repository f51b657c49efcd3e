package dev.confnotes.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FolderFingerprintTests {

    @TempDir
    Path dir;

    @Test
    void changesWithAFileDownToTheDepthAskedForAndNoDeeper() throws IOException {
        Files.writeString(dir.resolve("top.md"), "a");
        Path nested = Files.createDirectories(dir.resolve("demo/deeper"));
        Files.writeString(dir.resolve("demo/Main.java"), "b");
        Files.writeString(nested.resolve("ignored.txt"), "c");
        String one = FolderFingerprint.of(dir, 1);
        String two = FolderFingerprint.of(dir, 2);

        Files.writeString(nested.resolve("ignored.txt"), "changed below both depths");
        assertThat(FolderFingerprint.of(dir, 1)).isEqualTo(one);
        assertThat(FolderFingerprint.of(dir, 2)).isEqualTo(two);

        Files.writeString(dir.resolve("demo/Main.java"), "changed at depth 2");
        assertThat(FolderFingerprint.of(dir, 1)).isEqualTo(one);
        assertThat(FolderFingerprint.of(dir, 2)).isNotEqualTo(two);

        Files.writeString(dir.resolve("top.md"), "changed at depth 1");
        assertThat(FolderFingerprint.of(dir, 1)).isNotEqualTo(one);
    }

    @Test
    void looksInsideAFolderThatIsALink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("talk.md"), "a");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        String before = FolderFingerprint.of(link, 1);
        assertThat(before).startsWith("talk.md:");

        Files.writeString(real.resolve("talk.md"), "edited");
        assertThat(FolderFingerprint.of(link, 1)).isNotEqualTo(before);
    }

    @Test
    void looksInsideALinkedFolderBelowIt() throws IOException {
        Path real = Files.createDirectories(dir.resolve("elsewhere/gc"));
        Files.writeString(real.resolve("Main.java"), "a");
        Path demos = Files.createDirectories(dir.resolve("demos"));
        Files.createSymbolicLink(demos.resolve("gc"), real);
        String before = FolderFingerprint.of(demos, 2);
        assertThat(before).contains("Main.java:");

        Files.writeString(real.resolve("Main.java"), "edited behind the link");
        assertThat(FolderFingerprint.of(demos, 2)).isNotEqualTo(before);
    }

    @Test
    void aLinkThatLeadsNowhereIsNoFileAndNoFailure() throws IOException {
        Files.writeString(dir.resolve("talk.md"), "a");
        Files.createSymbolicLink(dir.resolve("gone.md"), dir.resolve("no-such-file.md"));

        assertThat(FolderFingerprint.of(dir, 1)).startsWith("talk.md:").doesNotContain("gone.md");
    }
}
