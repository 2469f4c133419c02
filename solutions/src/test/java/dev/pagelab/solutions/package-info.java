/**
 * Instructor-side checks of the exercises' content: every mutant in {@code src/mutants/} is caught
 * by the public or hidden tests, the model answers pass them all and the stubs fail every graded
 * test as "not started". These tests are not graded.
 */
package dev.pagelab.solutions;
