package dev.confnotes.talks;

/**
 * A file the importer cannot read: a raw notes file out of format or not UTF-8, or a talk file in
 * {@code talks/} whose front matter is broken. The message names the file and line so the writer
 * can fix it; callers show the message, never the stack trace.
 */
public class NotesFormatException extends RuntimeException {

    private final String file;

    private final int line;

    private final String problem;

    public NotesFormatException(int line, String problem) {
        this(null, line, problem);
    }

    public NotesFormatException(String file, int line, String problem) {
        super(describe(file, line, problem));
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The same problem, naming the file it was found in. */
    public NotesFormatException in(String file) {
        return new NotesFormatException(file, this.line, this.problem);
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
    public int line() {
        return this.line;
    }

    public String file() {
        return this.file;
    }

    private static String describe(String file, int line, String problem) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
        }
        if (line > 0) {
            where.append(where.isEmpty() ? "line " : ", line ").append(line);
        }
        return where.isEmpty() ? problem : where + ": " + problem;
    }
}
