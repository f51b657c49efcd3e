package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.confnotes.demos.manifest.EventType;
import dev.confnotes.demos.manifest.ViewKind;

/**
 * A view kind is one entry in {@link ViewKind}, one fragment, one script, its styles (and its messages): this
 * keeps the kinds the manifest accepts and the kinds the panel can draw the same list, with nothing left over.
 */
class ViewKindsTests {

    static final Path RESOURCES = Path.of("src/main/resources");

    static List<String> names(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(suffix))
                .map(n -> n.substring(0, n.length() - suffix.length()))
                .sorted()
                .toList();
        }
    }

    @Test
    void everyKindHasAFragmentAScriptAndStylesAndNothingElseDoes() throws IOException {
        List<String> kinds = ViewKind.keys().stream().sorted().toList();
        assertThat(names(RESOURCES.resolve("templates/demos/views"), ".html")).isEqualTo(kinds);
        assertThat(names(RESOURCES.resolve("static/js/demo/views"), ".js")).isEqualTo(kinds);
        String css = Files.readString(RESOURCES.resolve("static/css/demo-views.css"));
        for (String kind : kinds) {
            assertThat(css).as("styles of " + kind).contains(".view-" + kind);
            assertThat(Files.readString(RESOURCES.resolve("static/js/demo/views/" + kind + ".js")))
                .as("the script of " + kind + " registers it").contains("register('" + kind + "'");
        }
    }

    @Test
    void thePanelLoadsTheScriptOfEveryKind() throws IOException {
        String panel = Files.readString(RESOURCES.resolve("templates/demos/panel.html"));
        Matcher list = Pattern.compile("kind : \\$\\{ \\{([^}]*)\\} \\}").matcher(panel);
        assertThat(list.find()).as("the assets' list of kinds").isTrue();
        assertThat(Stream.of(list.group(1).split(",")).map(s -> s.strip().replace("'", "")).sorted().toList())
            .isEqualTo(ViewKind.keys().stream().sorted().toList());
    }

    @Test
    void theProtocolTableOfTheDemosReadmeListsEveryEventType() throws IOException {
        String readme = Files.readString(Path.of("demos/README.md"));
        for (String type : EventType.keys()) {
            assertThat(readme).as("demos/README.md documents " + type).contains("| `" + type + "` |");
        }
        for (EventType type : EventType.values()) {
            type.drawnBy().forEach(kind -> assertThat(ViewKind.of(kind)).as(type + " is drawn by " + kind).isPresent());
        }
    }
}
