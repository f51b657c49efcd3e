package dev.confnotes.talks;

/** A talk file that cannot be read, with the line where the trouble is (1-based, 0 when unknown). */
public class TalkFileException extends Exception {

    private final String file;

    private final int line;

    public TalkFileException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
