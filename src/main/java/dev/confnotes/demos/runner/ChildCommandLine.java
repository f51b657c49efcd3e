package dev.confnotes.demos.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;

/**
 * The argv a run's child JVM is started with: the server's own {@code java}, never a shell, with a heap
 * cap, one visible processor and the manifest's flags, then the program and its {@code --name=value}
 * arguments.
 */
@Component
public class ChildCommandLine {

    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use\\w+GC");

    /** The server's own java: a child runs on the same JDK. It does not change while the server runs. */
    private static final String JAVA_COMMAND = ProcessHandle.current()
        .info()
        .command()
        .filter(c -> c.endsWith("java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    private final DemosProperties properties;

    /** Class-data archives a child is writing now: one writer per archive, the others must not read it half-written. */
    private final Set<String> archivesBeingWritten = ConcurrentHashMap.newKeySet();

    ChildCommandLine(DemosProperties properties) {
        this.properties = properties;
    }

    /** The argv, and the archive this child writes (to {@link #archiveWritten} when it ends), if any. */
    record Command(List<String> argv, String archiveKey) {
    }

    /**
     * The command of a run: through the launcher from the precompiled jar when there is one (with a
     * class-data archive per collector when {@code class-data-sharing} is on), else the source launcher.
     */
    Command forRun(Run run, Path folder, DemoCompiler.Compiled compiled) {
        DemoManifest manifest = run.manifest;
        if (compiled == null) {
            return new Command(sourceLaunch(manifest, run.params, folder), null);
        }
        String gc = collector(manifestFlags(manifest, run.params));
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand());
        argv.addAll(jvmOptions(manifest, run.params));
        String archiveKey = null;
        if (properties.classDataSharing()) {
            String name = (gc == null ? "serial" : gc.replaceAll("\\W", "")) + ".jsa";
            Path archive = compiled.home().resolve(name);
            if (archivesBeingWritten.add(archive.toString())) {
                archiveKey = archive.toString();
                argv.add("-XX:SharedArchiveFile=" + archive);
                argv.add("-XX:+AutoCreateSharedArchive");
            }
            else if (Files.exists(archive)) {
                argv.add("-XX:SharedArchiveFile=" + archive);
            }
        }
        // through the launcher, so the child ends with the server even if the server is killed
        // No --enable-native-access for the launcher's prctl call: the flag turns off the class-data-sharing
        // archive's optimized module handling (and says so on every start); the JDK's one-line warning about the
        // restricted call goes to the run's diagnostics instead.
        argv.addAll(List.of("-cp", compiled.jar().toString(), DemoCompiler.LAUNCHER, manifest.mainClass()));
        run.params.forEach((name, value) -> argv.add("--" + name + "=" + value));
        return new Command(List.copyOf(argv), archiveKey);
    }

    /** The child that was writing this archive has ended: another may write it (or use it) now. */
    void archiveWritten(String archiveKey) {
        if (archiveKey != null) {
            archivesBeingWritten.remove(archiveKey);
        }
    }

    /**
     * The JVM options of a run: heap cap first (the last {@code -Xmx} its params and flags give, else the
     * manifest's {@code heapMb}; {@link HeapBudget} reads it there), one CPU, the collector (Serial unless a param picks one), the
     * manifest's flags, and JVM warnings sent to stderr so stdout stays the program's JSON.
     */
    static List<String> jvmOptions(DemoManifest manifest, Map<String, String> params) {
        List<String> jvm = manifestFlags(manifest, params);
        String heap = jvm.stream().filter(f -> f.startsWith("-Xmx")).reduce((a, b) -> b)
            .orElse("-Xmx" + manifest.heapMb() + "m");
        List<String> options = new ArrayList<>();
        options.add(heap);
        options.add("-XX:ActiveProcessorCount=1");
        if (collector(jvm) == null) {
            options.add("-XX:+UseSerialGC");
        }
        jvm.stream().filter(f -> !f.startsWith("-Xmx")).forEach(options::add);
        options.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8"));
        return options;
    }

    /**
     * The program started by the source launcher, as a reader would type it by hand; the runner itself
     * uses the precompiled jar when it can. Tests walk {@code demos/} with this.
     */
    public static List<String> sourceLaunch(DemoManifest manifest, Map<String, String> params, Path folder) {
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand());
        argv.addAll(jvmOptions(manifest, params));
        argv.add(folder.resolve(manifest.main()).toString());
        params.forEach((name, value) -> argv.add("--" + name + "=" + value));
        return List.copyOf(argv);
    }

    public static String javaCommand() {
        return JAVA_COMMAND;
    }


    private static List<String> manifestFlags(DemoManifest manifest, Map<String, String> params) {
        List<String> jvm = new ArrayList<>();
        for (DemoManifest.Param param : manifest.params()) {
            param.jvmFlag(params.get(param.name())).ifPresent(jvm::add);
        }
        jvm.addAll(manifest.jvmFlags());
        return jvm;
    }

    private static String collector(List<String> flags) {
        return flags.stream().filter(f -> GC_FLAG.matcher(f).matches()).findFirst().orElse(null);
    }
}
