/**
 * The talk catalog. Talk files in {@code talks/} (YAML front matter and Markdown notes) are the
 * source of truth; {@link dev.confnotes.talks.CatalogSync} mirrors them into the database,
 * {@link dev.confnotes.talks.Catalog} serves an in-memory snapshot to the pages,
 * {@link dev.confnotes.talks.MarkdownRenderer} turns notes into safe HTML (headings with permalinks),
 * {@link dev.confnotes.talks.FollowUpFinder} finds the follow-ups in the notes and what answers each (an
 * answer in the front matter, a demo's explanation, a link on the line), and
 * {@link dev.confnotes.talks.NotesImporter} turns a raw notes file into talk files.
 */
package dev.confnotes.talks;
