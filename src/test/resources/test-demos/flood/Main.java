/** Test demo: --count events of about --bytes each, one every --everyMs, under the event cap; then done. */
public class Main {
    public static void main(String[] args) throws Exception {
        int count = 600, bytes = 1000, everyMs = 8;
        for (String arg : args) {
            if (arg.startsWith("--count=")) count = Integer.parseInt(arg.substring(8));
            if (arg.startsWith("--bytes=")) bytes = Integer.parseInt(arg.substring(8));
            if (arg.startsWith("--everyMs=")) everyMs = Integer.parseInt(arg.substring(10));
        }
        String pad = "x".repeat(bytes);
        long start = System.currentTimeMillis();
        for (int i = 1; i <= count; i++) {
            System.out.println("{\"type\":\"event\",\"t\":" + (System.currentTimeMillis() - start)
                    + ",\"kind\":\"flood\",\"msg\":\"" + i + "\",\"fields\":{\"n\":" + i + ",\"pad\":\"" + pad + "\"}}");
            System.out.flush();
            Thread.sleep(everyMs);
        }
        System.out.println("{\"type\":\"done\",\"t\":" + (System.currentTimeMillis() - start) + ",\"summary\":{\"count\":" + count + "}}");
    }
}
