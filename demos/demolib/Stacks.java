package demolib;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Folded stacks for {@code flame} views from JFR stack traces: root first, frames joined by {@code ;},
 * each frame {@code SimpleType.method}, counted per distinct stack.
 */
public final class Stacks {
    private final Map<String, Long> counts = new TreeMap<>();

    /** {@code Type.method} for one frame, without the package (the flame graph is read by people). */
    public static String frame(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        type = type.substring(type.lastIndexOf('.') + 1);
        return type + "." + f.getMethod().getName();
    }

    /** The folded form of a trace, root first; hidden and reflection frames are kept as JFR reports them. */
    public static String fold(RecordedStackTrace trace) {
        if (trace == null) return "(no stack)";
        List<RecordedFrame> frames = trace.getFrames();
        var sb = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (!sb.isEmpty()) sb.append(';');
            sb.append(frame(frames.get(i)));
        }
        return sb.toString();
    }

    public synchronized void add(String folded, long n) {
        counts.merge(folded, n, Long::sum);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Samples whose stack holds a frame with this exact name. */
    public synchronized long containing(String frame) {
        long n = 0;
        for (var e : counts.entrySet()) {
            for (String f : e.getKey().split(";")) {
                if (f.equals(frame)) {
                    n += e.getValue();
                    break;
                }
            }
        }
        return n;
    }

    /** Snapshot data for a flame view: {@code {"stacks": {folded: count}}}. */
    public synchronized Map<String, Object> data() {
        return Json.obj("stacks", new TreeMap<>(counts));
    }

    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }
}
