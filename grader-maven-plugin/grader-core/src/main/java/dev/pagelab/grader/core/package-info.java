/**
 * The grading core: what one grading takes ({@link dev.pagelab.grader.core.GradingRequest}), what
 * it gives ({@link dev.pagelab.grader.core.Grade}) and the {@link dev.pagelab.grader.core.Grader}
 * that runs the static checks, then the tests in one forked JVM, and computes the score.
 *
 * <p>Plain Java: no Maven type appears here (an ArchUnit test keeps it so), so the Mojos stay thin
 * and any other front end (a batch grader, a CLI) can call the same code.
 */
package dev.pagelab.grader.core;
