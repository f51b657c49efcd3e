/**
 * What a demo is: {@link dev.confnotes.demos.manifest.ManifestParser} reads and checks {@code demo.yml} into a
 * {@link dev.confnotes.demos.manifest.DemoManifest} (params, views, wording, steps), and
 * {@link dev.confnotes.demos.manifest.ParamValidator} checks the values a reader sends against it.
 */
package dev.confnotes.demos.manifest;
