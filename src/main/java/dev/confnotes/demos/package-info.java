/**
 * Demos: runnable programs beside the talks. {@link dev.confnotes.demos.DemoCatalog} reads
 * {@code demos/<id>/demo.yml}; the runner starts each run as a child JVM of the same JDK (argv only,
 * capped heap, time, output and event rate), streams its JSON-lines output to any number of viewers as
 * Server-Sent Events (late joiners and {@code Last-Event-ID} resumes included), shares one run among all
 * viewers of a shared demo, and records every run so {@code /runs/{id}} can replay it. A manifest's
 * {@code compare} param starts one run per choice, shown side by side; its {@code answers} keywords tell the
 * talks module (through {@link dev.confnotes.talks.DemoAnswers}, which {@link dev.confnotes.demos.DemoCatalog}
 * implements) which follow-ups the demo answers.
 */
package dev.confnotes.demos;
