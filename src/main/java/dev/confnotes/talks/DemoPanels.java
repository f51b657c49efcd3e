package dev.confnotes.talks;

import java.util.Locale;
import java.util.Optional;

/**
 * The demo panels a talk page shows. The demos module implements this, as it does {@link DemoAnswers}, so the
 * talk page gets its panels through its model (which {@code ModularityTests} can see) and talks never imports
 * demos. A panel is opaque here: the talk page hands it to the demos module's panel fragment, and reads only
 * its id and title for the table of contents.
 */
@FunctionalInterface
public interface DemoPanels {

    DemoPanels NONE = demoId -> Optional.empty();

    /** The panel of this demo; empty when there is no such demo (the page shows a notice in its place). */
    Optional<Panel> panel(String demoId);

    /** What the talk page reads of a panel. */
    interface Panel {

        String id();

        String title(Locale locale);
    }

    /** One demo a talk names, with its panel if it exists. */
    record TalkDemo(String id, Panel panel) {
    }
}
