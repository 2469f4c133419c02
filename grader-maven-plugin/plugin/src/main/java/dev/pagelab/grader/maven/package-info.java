/**
 * The Maven face of the grader: thin Mojos that turn parameters into a {@code grader-core} request,
 * log the result and map a failed check to {@code MojoFailureException} and a broken input to
 * {@code MojoExecutionException}.
 */
package dev.pagelab.grader.maven;
