package dev.confnotes.talks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds the lines where the writer noted something to look up again (놓침, 찾아보자, 확인해보기 ...),
 * and for each asks {@link DemoAnswers} whether one of the talk's demos answers it.
 */
@Component
class FollowUpFinder {

    static final Pattern MARKERS = Pattern.compile(
            "놓침|놓쳤|못\\s?들음|못\\s?들었|다시\\s?찾아보기|찾아보자|찾아보고|찾아보기|찾아봐야|확인해보기|확인해\\s?봐야|살펴보기|알아보기|알아봐야");

    private static final Pattern LIST_MARKER = Pattern.compile("^([-*+]|\\d+[.)])\\s+");

    private final Catalog catalog;

    private final MarkdownRenderer renderer;

    private final DemoAnswers answers;

    @Autowired
    FollowUpFinder(Catalog catalog, MarkdownRenderer renderer, ObjectProvider<DemoAnswers> answers) {
        this(catalog, renderer, answers.getIfAvailable(() -> DemoAnswers.NONE));
    }

    FollowUpFinder(Catalog catalog, MarkdownRenderer renderer, DemoAnswers answers) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.answers = answers;
    }

    List<FollowUp> all() {
        List<FollowUp> found = new ArrayList<>();
        for (Talk talk : catalog.talks()) {
            found.addAll(in(talk));
        }
        return found;
    }

    List<FollowUp> in(Talk talk) {
        List<FollowUp> found = new ArrayList<>();
        for (RenderedNotes.Section section : renderer.render(talk).sections()) {
            for (String line : (section.heading() + "\n" + section.text()).split("\n")) {
                Matcher marker = MARKERS.matcher(line);
                if (marker.find()) {
                    String text = LIST_MARKER.matcher(line.strip()).replaceFirst("");
                    String demo = talk.getDemos().isEmpty() ? null
                            : answers.answering(talk.getDemos(), text).orElse(null);
                    found.add(new FollowUp(talk, section.anchor(), section.heading(), text, marker.group(), demo));
                }
            }
        }
        return found;
    }
}
