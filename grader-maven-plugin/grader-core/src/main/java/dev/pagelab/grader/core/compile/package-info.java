/**
 * Compiling a submission's sources in memory with the JDK's compiler ({@code javax.tools}), so that
 * the bytes the grader checks are the bytes the forked JVM runs.
 */
package dev.pagelab.grader.core.compile;
