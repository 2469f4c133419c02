/**
 * The reports of a {@link dev.pagelab.grader.core.Grade}: {@code index.html} (FreeMarker, {@code
 * .ftlh}, auto-escaped, Korean or English), {@code grade.json}, Gradescope's {@code results.json}
 * (the autograder specification's format, each test with its own visibility), Classroom 50's {@code
 * result.json} ({@code classroom50/result/v1}, integer points) and a plain-text summary table for
 * the build log. Each exercise is one section and one summary line that open with the whole picture
 * of its points ({@link dev.pagelab.grader.core.report.ExerciseSummary}): earned in the public
 * tests, and held by the instructor's hidden tests ({@link dev.pagelab.grader.core.HiddenPoints});
 * its tests follow by task, in the order of declaration, under their titles, their messages in the
 * report's language.
 */
package dev.pagelab.grader.core.report;
