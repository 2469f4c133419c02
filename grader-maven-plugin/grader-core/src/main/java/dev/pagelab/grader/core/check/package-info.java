/**
 * The static checks on the student's classes, done on class files with ArchUnit before any of them
 * runs: only the allowed packages; no {@code System.exit}, {@code Runtime}, processes, reflection,
 * method handles, threads, files, network, class loaders or {@code Unsafe}; no class in the
 * grader's, the simulator's or JUnit's packages.
 */
package dev.pagelab.grader.core.check;
