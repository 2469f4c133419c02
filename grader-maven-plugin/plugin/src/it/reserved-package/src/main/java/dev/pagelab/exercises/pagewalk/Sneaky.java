package dev.pagelab.grader;

/** A class where no submission may put one, in the exercise's folder. */
public class Sneaky {}
