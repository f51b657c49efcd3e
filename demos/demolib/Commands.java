package demolib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Commands from stdin, one JSON object per line (e.g. {@code {"cmd":"stop"}}), read on a daemon thread.
 * A line that is not a JSON object, or one the handler refuses with an IllegalArgumentException, becomes a
 * {@code warning} event: a bad command never crashes or stalls the run. EOF on stdin is normal.
 */
public final class Commands {
    private Commands() {}

    public static Thread listen(Consumer<Map<String, Object>> handler) {
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String lineText;
                while ((lineText = in.readLine()) != null) {
                    if (lineText.isBlank()) continue;
                    try {
                        if (!(Json.parse(lineText) instanceof Map<?, ?> m) || !(m.get("cmd") instanceof String)) {
                            throw new IllegalArgumentException("a command is a JSON object with a \"cmd\"");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> command = (Map<String, Object>) m;
                        handler.accept(command);
                    }
                    catch (IllegalArgumentException ex) {
                        Emit.event("warning", Json.obj("reason", String.valueOf(ex.getMessage())));
                    }
                }
            }
            catch (IOException ex) {
                // stdin closed under us: nothing more will come
            }
        }, "commands");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
