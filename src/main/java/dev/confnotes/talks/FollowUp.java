package dev.confnotes.talks;

import java.util.Locale;

/**
 * A place where the notes say something was missed or must be looked up later.
 *
 * @param talk the talk the note is in
 * @param anchor the heading anchor of the section holding it (empty: top of the notes)
 * @param heading that section's heading
 * @param text the line of the notes that says it
 * @param marker the words that mark it as a follow-up
 * @param answer where it is answered, or null while it is open
 */
public record FollowUp(Talk talk, String anchor, String heading, String text, String marker, Answer answer) {

    public boolean answered() {
        return answer != null;
    }

    /** The id of the demo that answers it, or null when no demo does. */
    public String demo() {
        return answer == null ? null : answer.demo();
    }

    /**
     * What answers a follow-up: a section of one of the talk's demos' explanation, a link in the notes, or
     * an answer the author wrote in the talk's front matter.
     *
     * @param source which of the three it is
     * @param text the answer in a sentence (Korean), or the explanation's heading
     * @param textEn the sentence in English, or null
     * @param url a web link or {@code #anchor} on the talk's page
     * @param demo the demo's id when a demo answers, else null
     */
    public record Answer(Source source, String text, String textEn, String url, String demo) {

        public String text(Locale locale) {
            return "en".equals(locale.getLanguage()) && textEn != null ? textEn : text;
        }

        /** True for a link to a section of the talk's own page. */
        public boolean inPage() {
            return url.startsWith("#");
        }
    }

    public enum Source {
        DEMO, NOTES, AUTHOR
    }
}
