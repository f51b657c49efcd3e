import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Test demo: starts a daemon the way a daemonising tool does — an intermediate process starts the
 * daemon (sleep) and exits, so the daemon is re-parented away from this program's tree — names the
 * daemon's pid, then stays for --holdMs and exits.
 */
public class Main {
    public static void main(String[] args) throws Exception {
        long holdMs = 1500;
        for (String arg : args) {
            if (arg.startsWith("--holdMs=")) holdMs = Long.parseLong(arg.substring("--holdMs=".length()));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process intermediate = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Main$Intermediate")
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String daemonPid;
        try (var out = new BufferedReader(new InputStreamReader(intermediate.getInputStream(), StandardCharsets.UTF_8))) {
            daemonPid = out.readLine();
        }
        intermediate.waitFor();
        System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"started\",\"msg\":\"" + daemonPid.strip()
                + "\",\"fields\":{\"daemon\":" + daemonPid.strip() + "}}");
        System.out.flush();
        Thread.sleep(holdMs);
        System.out.println("{\"type\":\"done\",\"t\":0,\"summary\":{}}");
    }

    /** Starts the daemon, says its pid and exits at once, leaving the daemon without its parent. */
    public static final class Intermediate {
        public static void main(String[] args) throws Exception {
            Process daemon = new ProcessBuilder("sleep", "120")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            System.out.println(daemon.pid());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
