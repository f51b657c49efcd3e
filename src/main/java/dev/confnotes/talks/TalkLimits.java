package dev.confnotes.talks;

/**
 * How long each field of a talk file may be, and how many entries a list may hold. The parser refuses a
 * file past one of them (naming the file and line), and the database columns are sized from the same
 * numbers, so a value the parser accepts always fits on H2 and PostgreSQL alike.
 */
public final class TalkLimits {

    public static final int SLUG = 100;

    public static final int TITLE = 300;

    public static final int SPEAKER = 100;

    public static final int COMPANY = 100;

    public static final int TAG = 60;

    public static final int TAGS = 50;

    public static final int DEMO_ID = 60;

    public static final int DEMOS = 20;

    public static final int LINKS = 50;

    public static final int LINK_TITLE = 300;

    public static final int LINK_URL = 2000;

    /** Answers to follow-ups in the front matter, and the length of their {@code to} and {@code text}. */
    public static final int ANSWERS = 50;

    public static final int ANSWER_TO = 200;

    public static final int ANSWER_TEXT = 1000;

    private TalkLimits() {
    }
}
