package dev.confnotes.talks;

import java.time.LocalDate;
import java.util.List;

/** What one talk file says, once its front matter has been checked. */
public record TalkDocument(String slug, String title, String speaker, String company, LocalDate date, int order,
        List<String> tags, List<String> demos, List<TalkLink> links, List<FollowUpAnswer> answers, String body) {

    /** A talk whose author wrote no answers to its follow-ups. */
    public TalkDocument(String slug, String title, String speaker, String company, LocalDate date, int order,
            List<String> tags, List<String> demos, List<TalkLink> links, String body) {
        this(slug, title, speaker, company, date, order, tags, demos, links, List.of(), body);
    }
}
