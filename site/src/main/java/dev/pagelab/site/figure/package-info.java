/**
 * The site's figures: each runs one {@code pagelab} command (or reuses its output), reads the
 * numbers back from the text it printed (a sampler's {@code ps} or {@code free} lines, {@code
 * /proc/buddyinfo}, a walk's tables, the OOM table) and draws them with labels in Korean or
 * English.
 */
package dev.pagelab.site.figure;
