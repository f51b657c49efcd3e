package dev.confnotes.talks;

/**
 * Whether a demo a talk names exists. The demos module implements this, so the sync can say at once that a
 * talk names a demo that is not there (the page would show a "not found" notice) without talks importing demos.
 */
@FunctionalInterface
public interface KnownDemos {

    KnownDemos ANY = id -> true;

    boolean exists(String demoId);
}
