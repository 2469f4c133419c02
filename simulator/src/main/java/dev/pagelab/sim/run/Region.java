package dev.pagelab.sim.run;

/**
 * A named range of a process's address space: what {@code mmap ... as NAME} returned.
 *
 * @param start the first address
 * @param length the length the scenario asked for, in bytes
 */
record Region(long start, long length) {}
