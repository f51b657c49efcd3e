package dev.confnotes.talks;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the talk files live and whether edits are picked up while the app runs.
 *
 * @param dir the folder holding {@code *.md} talk files and {@code conference.yml}
 * @param watch whether to look for changed files while running
 * @param pollInterval how often to look for changed files
 */
@ConfigurationProperties("confnotes.talks")
record TalksProperties(@DefaultValue("talks") Path dir, @DefaultValue("true") boolean watch,
        @DefaultValue("1s") Duration pollInterval) {
}
