/**
 * The annotations a graded test carries. This module has no dependencies, so exercises, hidden
 * tests and the grader can all share it.
 */
package dev.pagelab.grader.api;
