/**
 * The reports of a {@link dev.pagelab.grader.core.Grade}: {@code index.html} (FreeMarker, {@code
 * .ftlh}, auto-escaped, Korean or English), {@code grade.json}, Gradescope's {@code results.json}
 * (the autograder specification's format) and a plain-text summary table for the build log.
 */
package dev.pagelab.grader.core.report;
