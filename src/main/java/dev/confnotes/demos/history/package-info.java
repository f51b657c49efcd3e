/** The database record of every run, for the history page and for replays after the process is gone. */
package dev.confnotes.demos.history;
