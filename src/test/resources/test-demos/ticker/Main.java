/** Test demo (a copy of echo, shared): echoes its argv as one event, then emits count metrics, everyMs apart. */
public class Main {
    public static void main(String[] args) throws Exception {
        int count = 5;
        int every = 100;
        StringBuilder argv = new StringBuilder();
        for (String a : args) {
            if (a.startsWith("--count=")) count = Integer.parseInt(a.substring(8));
            if (a.startsWith("--everyMs=")) every = Integer.parseInt(a.substring(10));
            argv.append(argv.isEmpty() ? "" : "\u0001").append(a);
        }
        System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"argv\",\"msg\":" + quote(argv.toString()) + ",\"fields\":{}}");
        for (int i = 1; i <= count; i++) {
            Thread.sleep(every);
            System.out.println("{\"type\":\"metric\",\"t\":" + i * every + ",\"values\":{\"n\":" + i + "}}");
            System.out.flush();
        }
        System.out.println("{\"type\":\"done\",\"t\":" + count * every + ",\"summary\":{\"count\":" + count + "}}");
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
