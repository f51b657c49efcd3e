/**
 * Starting and ending runs: each run is a child JVM started from an argv list
 * ({@link dev.confnotes.demos.runner.ChildCommandLine}), its program precompiled once
 * ({@link dev.confnotes.demos.runner.DemoCompiler}), its output turned into events under caps
 * ({@link dev.confnotes.demos.runner.OutputPump}), its whole process tree ended with it.
 */
package dev.confnotes.demos.runner;
