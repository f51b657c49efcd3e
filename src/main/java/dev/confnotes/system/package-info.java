/**
 * What every page shares: the layout's locale switching, security headers, error pages and
 * application-wide beans such as the clock.
 */
package dev.confnotes.system;
