package dev.confnotes.talks;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A link named in a talk's front matter (slides, video, repository). */
@Embeddable
public record TalkLink(@Column(name = "title", length = 300) String title,
        @Column(name = "url", length = 2000) String url) {
}
