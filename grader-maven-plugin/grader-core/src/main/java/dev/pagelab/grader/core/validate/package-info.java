/**
 * Checks an exercise's instructor side before students see it: the model answer scores 100%, the
 * stub scores 0 with every graded test "not started", every mutant (a known mistake, compiled with
 * {@code javax.tools}) loses points and the tests that catch it are named, and the stub's public
 * API equals the answer's.
 */
package dev.pagelab.grader.core.validate;
