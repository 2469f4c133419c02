package dev.pagelab.exercises.pagewalk;

/** Has the name of a test class. */
class HiddenWalkerTest {}
