package dev.confnotes.talks;

import java.util.List;

/**
 * A talk's notes turned into safe HTML, with what the page shows beside it.
 *
 * @param html the notes as HTML; raw HTML in the notes is escaped and unsafe links are dropped
 * @param toc the headings, in order, with their anchors
 * @param links the web links found in the notes
 * @param sections the notes split at headings, as plain text, for search
 */
public record RenderedNotes(String html, List<Heading> toc, List<TalkLink> links, List<Section> sections) {

    public record Heading(int level, String text, String anchor) {
    }

    /** The text under one heading (the first section, before any heading, has an empty anchor). */
    public record Section(String anchor, String heading, String text) {
    }
}
