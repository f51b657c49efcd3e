package dev.confnotes.talks;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A link named in a talk's front matter (slides, video, repository). */
@Embeddable
public record TalkLink(@Column(name = "title", length = TalkLimits.LINK_TITLE) String title,
        @Column(name = "url", length = TalkLimits.LINK_URL) String url) {
}
