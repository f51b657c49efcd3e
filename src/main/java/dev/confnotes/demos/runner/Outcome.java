package dev.confnotes.demos.runner;

import java.util.Locale;

/** Where a run stands; everything but QUEUED and RUNNING is final. */
public enum Outcome {
    QUEUED, RUNNING, FINISHED, CANCELED, TIMED_OUT, FAILED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
