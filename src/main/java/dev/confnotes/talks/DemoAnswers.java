package dev.confnotes.talks;

import java.util.List;
import java.util.Optional;

/**
 * Which demo answers a follow-up. The demos module implements this (it already depends on talks), so
 * talks never imports demos: the dependency points one way. Without an implementation no follow-up
 * links to a demo.
 */
@FunctionalInterface
public interface DemoAnswers {

    DemoAnswers NONE = (demoIds, text) -> Optional.empty();

    /**
     * The first of {@code demoIds} (a talk's demos) whose manifest says it answers {@code text}.
     */
    Optional<String> answering(List<String> demoIds, String text);
}
