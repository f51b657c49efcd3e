package dev.confnotes.demos.runner;

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

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;

/**
 * Compiles a demo's sources once, at first use, into {@code <cache-dir>/<id>/<hash>/classes}, keyed by
 * the sources' hash and the JDK version, so a run starts with {@code java -cp <dir> Main} instead of a
 * source launch that compiles in the child every time. Without a system compiler, runs fall back to
 * the source launcher. The jar also holds {@link #LAUNCHER}, which the runner starts instead of the
 * program's main class: it ends the child when the server is gone, even if the server was killed. The
 * program's own files are compiled together with the shared library its folder links to ({@link #LIBRARY}).
 */
@Component
public class DemoCompiler {

    private static final Logger log = LoggerFactory.getLogger(DemoCompiler.class);

    /** The launcher's class: {@code java -cp program.jar <LAUNCHER> <main class> args...}. */
    static final String LAUNCHER = "confnotes_launcher.ParentWatch";

    /**
     * Runs the program's own main in a JVM that keeps its whole process tree with it. It becomes a child
     * subreaper (Linux {@code prctl(PR_SET_CHILD_SUBREAPER)}, through the foreign-function API): a process the
     * program starts that daemonises (its parent exits) is re-parented to this JVM, not to PID 1, so it stays
     * among this JVM's descendants, which the server ends with the run. Whenever this JVM ends (the program
     * exits, TERM, or the server is gone) it ends those descendants first. It watches the process that
     * started it (the server) every 500 ms and halts when it is gone, even if the server was killed outright:
     * polling the parent found at start-up, not {@code parent()} again, since an orphan always has one.
     */
    static final String LAUNCHER_SOURCE = """
            package confnotes_launcher;

            import java.lang.foreign.FunctionDescriptor;
            import java.lang.foreign.Linker;
            import java.lang.foreign.ValueLayout;
            import java.lang.invoke.MethodHandle;
            import java.lang.reflect.InvocationTargetException;
            import java.lang.reflect.Method;
            import java.util.Arrays;

            public final class ParentWatch {

                private static final int PR_SET_CHILD_SUBREAPER = 36;

                public static void main(String[] args) throws Throwable {
                    becomeSubreaper();
                    Runtime.getRuntime().addShutdownHook(new Thread(ParentWatch::endDescendants, "end-descendants"));
                    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
                    if (parent != null) {
                        Thread watch = new Thread(() -> {
                            while (true) {
                                if (!parent.isAlive()) {
                                    endDescendants();
                                    Runtime.getRuntime().halt(3);
                                }
                                try {
                                    Thread.sleep(500);
                                }
                                catch (InterruptedException ex) {
                                    return;
                                }
                            }
                        }, "parent-watch");
                        watch.setDaemon(true);
                        watch.start();
                    }
                    Method main = Class.forName(args[0]).getMethod("main", String[].class);
                    main.setAccessible(true);
                    try {
                        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                }

                static void endDescendants() {
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                }

                private static void becomeSubreaper() {
                    try {
                        Linker linker = Linker.nativeLinker();
                        MethodHandle prctl = linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                                Linker.Option.firstVariadicArg(1));
                        int result = (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, 1L);
                        if (result != 0) {
                            System.err.println("confnotes: prctl(PR_SET_CHILD_SUBREAPER) returned " + result);
                        }
                    }
                    catch (Throwable ex) {
                        // not Linux: an orphan goes to PID 1, and the server's record of the tree is all there is
                        System.err.println("confnotes: cannot become a child subreaper: " + ex);
                    }
                }
            }
            """;

    /**
     * The shared library's folder inside a demo's folder: a link to {@code demos/demolib} (package
     * {@code demolib}), so the source launcher finds it by hand and the runner compiles it with the program.
     */
    public static final String LIBRARY = "demolib";

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
        sources.addAll(librarySources(folder));
        Path home = cacheDir.resolve(manifest.id()).resolve(hash(sources, manifest));
        Path classes = home.resolve("classes");
        Path jar = home.resolve("program.jar");
        synchronized (locks.computeIfAbsent(home.toString(), k -> new Object())) {
            if (Files.exists(jar)) {
                return Optional.of(new Compiled(jar, home));
            }
            Files.createDirectories(classes);
            Path launcher = home.resolve("launcher").resolve("ParentWatch.java");
            Files.createDirectories(launcher.getParent());
            Files.writeString(launcher, LAUNCHER_SOURCE, StandardCharsets.UTF_8);
            List<Path> toCompile = new ArrayList<>(sources);
            toCompile.add(launcher);
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-encoding", "UTF-8",
                    "-nowarn", "-Xlint:none"));
            if (manifest.jvmFlags().contains("--enable-preview")) {
                options.addAll(List.of("--enable-preview", "--release", String.valueOf(Runtime.version().feature())));
            }
            StringWriter out = new StringWriter();
            var fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
            try (fileManager) {
                boolean ok = compiler
                    .getTask(out, fileManager, null, options, null, fileManager.getJavaFileObjectsFromPaths(toCompile))
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

    /** The shared library's sources a demo's folder links to, sorted; none when it has no link. */
    public static List<Path> librarySources(Path folder) throws IOException {
        Path library = folder.resolve(LIBRARY);
        if (!Files.isDirectory(library)) {
            return List.of();
        }
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> java = Files.newDirectoryStream(library, "*.java")) {
            java.forEach(sources::add);
        }
        sources.sort(null);
        return List.copyOf(sources);
    }

    private static String hash(List<Path> sources, DemoManifest manifest) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(" ", manifest.jvmFlags()).getBytes(StandardCharsets.UTF_8));
            digest.update(LAUNCHER_SOURCE.getBytes(StandardCharsets.UTF_8));
            for (Path source : sources) {
                // the library's files by their folder too: a demo's own Json.java is not the library's
                digest.update(source.getParent().getFileName().toString().getBytes(StandardCharsets.UTF_8));
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
