/**
 * What every page shares: the layout's locale switching, security headers, error pages and
 * application-wide beans such as the clock; and small helpers the feature modules share, such as
 * {@link dev.confnotes.system.RequestPaths} and {@link dev.confnotes.system.FolderFingerprint}.
 */
package dev.confnotes.system;
