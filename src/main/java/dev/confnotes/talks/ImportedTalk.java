package dev.confnotes.talks;

import java.time.LocalDate;

/**
 * One talk as read from a raw notes file, before any hand-curated metadata is merged in.
 *
 * @param slug the slug derived from the title; a curated file's slug wins on import
 * @param title the title as written in the heading
 * @param speaker the speaker's name without the honorific {@code 님}
 * @param company the company after the comma, or {@code null} when the heading names none
 * @param date the day the talk was given
 * @param order the 1-based position within its day
 * @param body the notes exactly as written, leading and trailing blank lines trimmed
 * @param line the heading's line number in the notes file, for messages
 */
public record ImportedTalk(String slug, String title, String speaker, String company, LocalDate date, int order,
        String body, int line) {
}
