import java.io.BufferedReader;
import java.io.InputStreamReader;

/** Test demo: starts child processes (sleep), then waits forever, echoing stdin commands as events. */
public class Main {
    public static void main(String[] args) throws Exception {
        int children = 1;
        for (String a : args) {
            if (a.startsWith("--children=")) {
                children = Integer.parseInt(a.substring(11));
            }
        }
        for (int i = 0; i < children; i++) {
            new ProcessBuilder("sleep", "120").inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }
        System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"started\",\"msg\":\"children " + children + "\",\"fields\":{}}");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"stdin\",\"msg\":" + line.length() + ",\"fields\":{}}");
            System.out.flush();
        }
        Thread.sleep(600_000);
    }
}
