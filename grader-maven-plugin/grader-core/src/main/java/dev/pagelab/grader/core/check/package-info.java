/**
 * The static checks on a submission's class files, done with ASM before any of them runs: every
 * class and member used must be on the exercise's allow-list ({@link
 * dev.pagelab.grader.core.check.Policy}, the instructor's {@code grader-policy.txt}); every class
 * must be in the exercise's package and carry no test class's name; no native method, no finalizer.
 * Each violation names its file and line and says what to use instead.
 */
package dev.pagelab.grader.core.check;
