package dev.pagelab.exercises.pagewalk;

/** Stands for a hidden test a walker must not reach (the load-hidden-test IT tries to). */
class HiddenWalkerTest {}
