/**
 * Demos: runnable programs beside the talks. {@link dev.confnotes.demos.DemoCatalog} reads
 * {@code demos/<id>/demo.yml}; the runner starts each run as a child JVM of the same JDK (argv only,
 * capped heap, time, output and event rate), streams its JSON-lines output to any number of viewers as
 * Server-Sent Events (late joiners and {@code Last-Event-ID} resumes included; event ids are
 * {@code <runId>:<seq>}, so an id of another run starts the viewer from the beginning), and records every
 * run so {@code /runs/{id}} can replay it. A shared demo has one run for all its viewers:
 * {@code /demos/{id}/live} joins whatever shared run is going (the defaults start only when none is), only
 * an explicit restart with other values replaces it, and live viewers then follow the new run. A manifest's
 * {@code compare} param (a choice param) offers a comparison: with 2 choices one button runs both side by
 * side; with more, a select picks the other value and the two runs open on
 * {@code /demos/{id}/compare?a=&b=} with their charts on one time axis. Params are {@code int},
 * {@code decimal}, {@code choice}, {@code boolean} or {@code text} (at most {@code maxLength} characters,
 * 100 by default). Its {@code answers} keywords tell the talks module (through
 * {@link dev.confnotes.talks.DemoAnswers}, which {@link dev.confnotes.demos.DemoCatalog} implements) which
 * follow-ups the demo answers, and with which heading of its explanation. Run records carry the instance that ran them, so several instances can share
 * one database (see {@code RunRecords#failStale}).
 * <p>
 * The top of the package is what other modules may use (the catalog, its settings); the jobs live in
 * sub-packages, internal to the module: {@code manifest} (what {@code demo.yml} says, and its checks),
 * {@code runner} (child JVMs), {@code stream} (viewers), {@code history} (run records), {@code web} (pages
 * and the JSON API).
 */
package dev.confnotes.demos;
