/**
 * Test demo: one run that feeds every view kind (metrics with gc marks, rows that update, two groups
 * of spans with a critical path, two flame snapshots, heat map columns, state changes, a tree, a
 * line on stderr), then a summary whose "failed" meets the see-failure step when failures > 0.
 */
public class Main {
    static long start = System.currentTimeMillis();

    public static void main(String[] args) throws Exception {
        int every = 40;
        int failures = 2;
        for (String a : args) {
            if (a.startsWith("--everyMs=")) every = Integer.parseInt(a.substring(10));
            if (a.startsWith("--failures=")) failures = Integer.parseInt(a.substring(11));
        }
        state("Pending");
        node("root", null, "root", "running");
        node("w1", "root", "worker", "running");
        row("scan", "{\"check\":\"scan\",\"runs\":1,\"p99Ms\":3.5,\"verdict\":\"pass\"}");
        row("join", "{\"check\":\"join\",\"runs\":1,\"p99Ms\":8,\"verdict\":\"pass\"}");
        row("auth", "{\"check\":\"auth\",\"runs\":1,\"p99Ms\":1.25,\"verdict\":\"pass\"}");
        System.err.println("a diagnostic line on stderr");
        state("Provisioning");
        for (int i = 0; i < 20; i++) {
            Thread.sleep(every);
            double p50 = 2 + (i % 5);
            double p99 = 5 + (i * 7 % 40);
            line("{\"type\":\"metric\",\"t\":" + t() + ",\"values\":{\"p50\":" + p50 + ",\"p99\":" + p99 + "}}");
            if (i % 4 == 0) {
                line("{\"type\":\"event\",\"t\":" + t() + ",\"kind\":\"gc\",\"fields\":{\"pauseMs\":" + (i + 1) + "}}");
            }
            int[] counts = new int[8];
            for (int b = 0; b < 8; b++) counts[b] = (b * 3 + i) % 7 == 0 ? 0 : (b + 1) * (i % 3 + 1);
            StringBuilder c = new StringBuilder();
            for (int b = 0; b < 8; b++) c.append(b == 0 ? "" : ",").append(counts[b]);
            line("{\"type\":\"snapshot\",\"t\":" + t() + ",\"view\":\"heat\",\"id\":\"" + i + "\",\"data\":{\"t\":" + t() + ",\"counts\":[" + c + "]}}");
            if (i == 6) state("Installed");
        }
        request("req-1", 0);
        request("req-2", 200);
        line("{\"type\":\"snapshot\",\"t\":" + t() + ",\"view\":\"cpu\",\"id\":\"before\",\"data\":{\"stacks\":"
                + "{\"main;handle;scan\":120,\"main;handle;join\":40,\"main;idle\":40}}}");
        line("{\"type\":\"snapshot\",\"t\":" + t() + ",\"view\":\"cpu\",\"id\":\"after\",\"data\":{\"stacks\":"
                + "{\"main;handle;scan\":30,\"main;handle;join\":90,\"main;idle\":40}}}");
        row("join", "{\"runs\":2,\"p99Ms\":12.5,\"verdict\":\"" + (failures > 0 ? "fail" : "pass") + "\"}");
        line("{\"type\":\"event\",\"t\":" + t() + ",\"kind\":\"phase\",\"fields\":{\"name\":\"Ready\"}}");
        state("Ready");
        node("w1", "root", "worker", "done");
        node("root", null, "root", "done");
        Thread.sleep(every);
        line("{\"type\":\"done\",\"t\":" + t() + ",\"summary\":{\"failed\":" + failures
                + ",\"p99Ms\":12.5,\"verdict\":\"" + (failures > 0 ? "fail" : "pass") + "\"}}");
    }

    // a request: root 0–60 ms with db 0–40 (and its query 5–35), cache 0–10, render 40–60 (the critical path: root → render)
    static void request(String group, long at) {
        span(group, group + "-root", null, "web", "GET /report", at, at + 60);
        span(group, group + "-db", group + "-root", "db", "db", at, at + 40);
        span(group, group + "-query", group + "-db", "db", "select", at + 5, at + 35);
        span(group, group + "-cache", group + "-root", "cache", "cache", at, at + 10);
        span(group, group + "-render", group + "-root", "web", "render", at + 40, at + 60);
    }

    static void span(String group, String id, String parent, String lane, String label, long start, long end) {
        line("{\"type\":\"span\",\"t\":" + t() + ",\"view\":\"waterfall\",\"id\":\"" + id + "\",\"parent\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + ",\"lane\":\"" + lane + "\",\"label\":\"" + label
                + "\",\"start\":" + start + ",\"end\":" + end + ",\"group\":\"" + group + "\"}");
    }

    static void row(String id, String cells) {
        line("{\"type\":\"row\",\"t\":" + t() + ",\"view\":\"results\",\"id\":\"" + id + "\",\"cells\":" + cells + "}");
    }

    static void state(String s) {
        line("{\"type\":\"state\",\"t\":" + t() + ",\"view\":\"phase\",\"state\":\"" + s + "\"}");
    }

    static void node(String id, String parent, String label, String state) {
        line("{\"type\":\"node\",\"t\":" + t() + ",\"id\":\"" + id + "\",\"parent\":" + (parent == null ? "null" : "\"" + parent + "\"")
                + ",\"label\":\"" + label + "\",\"state\":\"" + state + "\",\"fields\":{}}");
    }

    static long t() {
        return System.currentTimeMillis() - start;
    }

    static synchronized void line(String json) {
        System.out.println(json);
        System.out.flush();
    }
}
