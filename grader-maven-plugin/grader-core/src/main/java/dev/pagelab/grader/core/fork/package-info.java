/**
 * Runs graded tests in a forked JVM under limits: a heap cap, a per-test and an overall timeout and
 * an output cap. The fork's results come back as {@link dev.pagelab.grader.runner.Wire} lines
 * carrying a per-run secret; a test that gives no line scores 0 with the reason the parent saw
 * (timeout, exit, out of memory, crash), and the remaining tests go on in a fresh fork.
 */
package dev.pagelab.grader.core.fork;
