/** A run's events to any number of viewers as Server-Sent Events, from a small pool of sender threads. */
package dev.confnotes.demos.stream;
