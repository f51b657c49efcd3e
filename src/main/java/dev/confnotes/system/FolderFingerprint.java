package dev.confnotes.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a folder holds, as a string that changes when a file in it is added, removed or changed: the
 * names, sizes and modification times of its files, down to {@code depth} levels (1: only the files
 * directly in it). Cheap enough to poll. A folder that is a link is followed (a walk from the link
 * itself never looks inside, so it would never see an edit); one that cannot be read gives {@code ""}.
 */
public final class FolderFingerprint {

    private FolderFingerprint() {
    }

    public static String of(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try {
            Path root = folder.toRealPath();
            try (Stream<Path> files = Files.walk(root, depth)) {
                StringBuilder out = new StringBuilder();
                files.filter(Files::isRegularFile).sorted().forEach(file -> {
                    try {
                        out.append(root.relativize(file)).append(':').append(Files.size(file)).append(':')
                            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                    }
                    catch (IOException ex) {
                        out.append(file.getFileName()).append(":?\n");
                    }
                });
                return out.toString();
            }
        }
        catch (IOException ex) {
            return "";
        }
    }
}
