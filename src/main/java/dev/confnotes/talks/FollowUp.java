package dev.confnotes.talks;

/**
 * A place where the notes say something was missed or must be looked up later.
 *
 * @param talk the talk the note is in
 * @param anchor the heading anchor of the section holding it (empty: top of the notes)
 * @param heading that section's heading
 * @param text the line of the notes that says it
 * @param marker the words that mark it as a follow-up
 * @param demo the id of the talk's demo that answers it, or null when none does
 */
public record FollowUp(Talk talk, String anchor, String heading, String text, String marker, String demo) {
}
