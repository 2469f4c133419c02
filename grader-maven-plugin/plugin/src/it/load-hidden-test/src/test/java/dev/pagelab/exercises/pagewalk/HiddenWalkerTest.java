package dev.pagelab.exercises.pagewalk;

/** Stands for a hidden test the walker must not reach. */
class HiddenWalkerTest {}
