/**
 * The code that runs inside the grader's forked JVM, next to the student's classes.
 *
 * <p>{@link dev.pagelab.grader.runner.ForkMain} reads a per-run secret and the tests to run from
 * standard input, redirects {@code System.out}/{@code System.err} into a capped buffer, runs the
 * tests with the JUnit Platform Launcher and streams one line per event to the JVM's original
 * standard output, each line prefixed with the secret ({@link dev.pagelab.grader.runner.Wire}).
 * Student code cannot write to that stream without reflection or file access, which the static
 * checks forbid, and cannot forge a line without the secret. The parent decides the score; this
 * side only reports what happened.
 */
package dev.pagelab.grader.runner;
