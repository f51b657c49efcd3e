/** The demo pages and the demo JSON API; the look-ups they share ({@link dev.confnotes.demos.web.Runs}). */
package dev.confnotes.demos.web;
