package dev.confnotes.system;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What a folder holds, as a string that changes when a file in it is added, removed or changed: the
 * names, sizes and modification times of its files, down to {@code depth} levels (1: only the files
 * directly in it). Cheap enough to poll: one directory read per folder, no file opened. Links to
 * folders are followed, the folder itself included (a walk that stopped at a link would never see an
 * edit behind it). A file that vanishes or cannot be read while the folder is walked is marked, not
 * thrown: editors and checkouts replace files all the time, and the next poll looks again. A folder
 * that cannot be read at all gives {@code ""}.
 */
public final class FolderFingerprint {

    private FolderFingerprint() {
    }

    public static String of(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(folder.relativize(file) + ":" + attributes.size() + ":"
                                + attributes.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException ex) {
                    files.add(folder.relativize(file) + ":?");
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException ex) {
            return "";
        }
        files.sort(null);
        return String.join("\n", files);
    }
}
