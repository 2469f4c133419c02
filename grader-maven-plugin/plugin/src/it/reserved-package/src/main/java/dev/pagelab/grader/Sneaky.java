package dev.pagelab.grader;

/** A class where no submission may put one. */
public class Sneaky {}
