package dev.confnotes.talks;

import java.util.List;
import java.util.Optional;

/**
 * Which demo answers a follow-up, and which section of its explanation. The demos module implements
 * this (it already depends on talks), so talks never imports demos: the dependency points one way.
 * Without an implementation no follow-up links to a demo.
 */
@FunctionalInterface
public interface DemoAnswers {

    DemoAnswers NONE = (demoIds, text) -> Optional.empty();

    /**
     * The first of {@code demoIds} (a talk's demos) whose manifest says it answers {@code text}, with the
     * section of its explanation that does.
     */
    Optional<DemoAnswer> answering(List<String> demoIds, String text);

    /**
     * @param demo the demo's id
     * @param anchor the id of the explanation's heading that answers, or empty for the demo's panel
     * @param heading that heading's text, or empty
     */
    record DemoAnswer(String demo, String anchor, String heading) {
    }
}
