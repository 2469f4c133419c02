package org.junit;

/** A class where no submission may put one. */
public class Sneaky {}
