/**
 * The talk catalog. Talk files in {@code talks/} (YAML front matter and Markdown notes) are the
 * source of truth; {@link dev.confnotes.talks.CatalogSync} mirrors them into the database,
 * {@link dev.confnotes.talks.Catalog} serves an in-memory snapshot to the pages,
 * {@link dev.confnotes.talks.MarkdownRenderer} turns notes into safe HTML, and
 * {@link dev.confnotes.talks.NotesImporter} turns a raw notes file into talk files.
 */
package dev.confnotes.talks;
