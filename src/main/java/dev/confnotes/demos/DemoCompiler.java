package dev.confnotes.demos;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compiles a demo's sources once, at first use, into {@code <cache-dir>/<id>/<hash>/classes}, keyed by
 * the sources' hash and the JDK version, so a run starts with {@code java -cp <dir> Main} instead of a
 * source launch that compiles in the child every time. Without a system compiler, runs fall back to
 * the source launcher.
 */
@Component
class DemoCompiler {

    private static final Logger log = LoggerFactory.getLogger(DemoCompiler.class);

    private final Path cacheDir;

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    DemoCompiler(DemosProperties properties) {
        this.cacheDir = properties.cacheDir().toAbsolutePath().normalize();
    }

    /**
     * The compiled program as a jar (class-data sharing archives only classes from jars, not from
     * directories), and the folder it lives in.
     */
    record Compiled(Path jar, Path home) {
    }

    Optional<Compiled> compile(DemoManifest manifest, Path folder) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return Optional.empty();
        }
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> java = Files.newDirectoryStream(folder, "*.java")) {
            java.forEach(sources::add);
        }
        sources.sort(null);
        Path home = cacheDir.resolve(manifest.id()).resolve(hash(sources, manifest));
        Path classes = home.resolve("classes");
        Path jar = home.resolve("program.jar");
        synchronized (locks.computeIfAbsent(home.toString(), k -> new Object())) {
            if (Files.exists(jar)) {
                return Optional.of(new Compiled(jar, home));
            }
            Files.createDirectories(classes);
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-encoding", "UTF-8",
                    "-nowarn", "-Xlint:none"));
            if (manifest.jvmFlags().contains("--enable-preview")) {
                options.addAll(List.of("--enable-preview", "--release", String.valueOf(Runtime.version().feature())));
            }
            StringWriter out = new StringWriter();
            var fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
            try (fileManager) {
                boolean ok = compiler
                    .getTask(out, fileManager, null, options, null, fileManager.getJavaFileObjectsFromPaths(sources))
                    .call();
                if (!ok) {
                    throw new IOException("compiling " + manifest.id() + " failed: " + out.toString().strip());
                }
            }
            Path partial = home.resolve("program.jar.part");
            try (var jarOut = new java.util.jar.JarOutputStream(Files.newOutputStream(partial));
                    var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jarOut.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, jarOut);
                    jarOut.closeEntry();
                }
            }
            Files.move(partial, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            log.info("Compiled demo {} into {}", manifest.id(), jar);
            return Optional.of(new Compiled(jar, home));
        }
    }

    private static String hash(List<Path> sources, DemoManifest manifest) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(" ", manifest.jvmFlags()).getBytes(StandardCharsets.UTF_8));
            for (Path source : sources) {
                digest.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(source));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
