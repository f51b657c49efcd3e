package dev.confnotes.talks;

import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * An answer the content author wrote in a talk's front matter for one of its follow-ups:
 * {@code answers: [{to: "Autopprof", text: "...", textEn: "...", url: "https://..."}]}.
 *
 * @param to words of the follow-up's line it answers (compared without spaces, case-insensitive)
 * @param text the answer in a sentence, in Korean
 * @param textEn the same in English, or null
 * @param url where the answer is: a web page, or {@code #anchor} for a section of the notes
 */
@Embeddable
public record FollowUpAnswer(@Column(name = "answers_to", length = TalkLimits.ANSWER_TO) String to,
        @Column(name = "answer_text", length = TalkLimits.ANSWER_TEXT) String text,
        @Column(name = "answer_text_en", length = TalkLimits.ANSWER_TEXT) String textEn,
        @Column(name = "answer_url", length = TalkLimits.LINK_URL) String url) {

    /** True when this answer is meant for the follow-up line {@code line}. */
    public boolean answers(String line) {
        return line != null && squeeze(line).contains(squeeze(to));
    }

    static String squeeze(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
