/**
 * The code that runs inside the grader's forked JVM.
 *
 * <p>{@link dev.pagelab.grader.runner.ForkMain} reads a {@link
 * dev.pagelab.grader.runner.ForkRequest} from standard input (a per-run secret, the tests to run,
 * the submission's class files and the instructor's test files), defines those classes from memory,
 * installs the runtime guard (a SecurityManager under which submission code has no permission),
 * initialises the submission's classes and runs each test in its own JUnit execution, streaming one
 * line per event to the JVM's original standard output, each line prefixed with the secret ({@link
 * dev.pagelab.grader.runner.Wire}). Student code cannot reach that stream nor the secret. The
 * parent decides the score; this side only reports what happened.
 */
package dev.pagelab.grader.runner;
