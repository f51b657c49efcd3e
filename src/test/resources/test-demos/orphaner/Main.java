/** Test demo: starts two children (sleep), names their pids, then exits while they still run. */
public class Main {
    public static void main(String[] args) throws Exception {
        StringBuilder pids = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            Process child = new ProcessBuilder("sleep", "120").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            pids.append(pids.isEmpty() ? "" : ",").append(child.pid());
        }
        System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"started\",\"msg\":\"" + pids + "\",\"fields\":{}}");
        System.out.flush();
        Thread.sleep(1500);
    }
}
