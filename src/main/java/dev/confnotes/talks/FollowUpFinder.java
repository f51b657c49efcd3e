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
 * and what answers each: an answer the author wrote in the talk's front matter comes first, then a
 * section of one of the talk's demos' explanation ({@link DemoAnswers}), then a web link on the line
 * itself. A follow-up none of these answers stays open.
 */
@Component
class FollowUpFinder {

    static final Pattern MARKERS = Pattern.compile(
            "놓침|놓쳤|못\\s?들음|못\\s?들었|다시\\s?찾아보기|찾아보자|찾아보고|찾아보기|찾아봐야|확인해보기|확인해\\s?봐야|살펴보기|알아보기|알아봐야");

    private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s)\"'<>]+");

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
                    found.add(new FollowUp(talk, section.anchor(), section.heading(), text, marker.group(),
                            answerTo(talk, text)));
                }
            }
        }
        return found;
    }

    private FollowUp.Answer answerTo(Talk talk, String text) {
        for (FollowUpAnswer written : talk.getAnswers()) {
            if (written.answers(text)) {
                return new FollowUp.Answer(FollowUp.Source.AUTHOR, written.text(), written.textEn(), written.url(), null);
            }
        }
        if (!talk.getDemos().isEmpty()) {
            var demo = answers.answering(talk.getDemos(), text);
            if (demo.isPresent()) {
                DemoAnswers.DemoAnswer found = demo.get();
                String url = found.anchor().isEmpty() ? "#demo-" + found.demo() : "#" + found.anchor();
                return new FollowUp.Answer(FollowUp.Source.DEMO, found.heading(), null, url, found.demo());
            }
        }
        Matcher link = WEB_LINK.matcher(text);
        return link.find() ? new FollowUp.Answer(FollowUp.Source.NOTES, link.group(), null, link.group(), null) : null;
    }
}
