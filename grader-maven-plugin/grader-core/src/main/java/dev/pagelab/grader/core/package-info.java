/**
 * The grading core: what grading one exercise of one submission takes ({@link
 * dev.pagelab.grader.core.GradingRequest}: the submission's sources, the instructor's tests, the
 * exercise's libraries, the policy, limits), what it gives ({@link dev.pagelab.grader.core.Grade})
 * and the {@link dev.pagelab.grader.core.Grader} that compiles the sources in memory, checks the
 * class files, runs the tests on exactly those bytes in a forked, guarded JVM and computes the
 * score.
 *
 * <p>Plain Java: no Maven type appears here (an ArchUnit test keeps it so), so the Mojos stay thin
 * and any other front end (a batch grader, a CLI) can call the same code.
 */
package dev.pagelab.grader.core;
