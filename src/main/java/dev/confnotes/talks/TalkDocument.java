package dev.confnotes.talks;

import java.time.LocalDate;
import java.util.List;

/** What one talk file says, once its front matter has been checked. */
public record TalkDocument(String slug, String title, String speaker, String company, LocalDate date, int order,
        List<String> tags, List<String> demos, List<TalkLink> links, String body) {
}
