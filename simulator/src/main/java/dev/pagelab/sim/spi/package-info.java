/**
 * The exercise contracts: small, stable interfaces through which the simulator calls its paging,
 * fault-handling and OOM-killer code, so that a student's implementation can replace the reference
 * one: {@link dev.pagelab.sim.spi.PageTableWalker}, {@link dev.pagelab.sim.spi.FaultHandler}, and
 * {@link dev.pagelab.sim.spi.OomPolicy} over {@link dev.pagelab.sim.spi.OomTask}, {@link
 * dev.pagelab.sim.spi.OomControl} and {@link dev.pagelab.sim.spi.OomChoice}.
 *
 * <p>Values in and out are records, enums and sealed interfaces, so a test can build any input
 * directly. This is the one simulator package a student's code may use, so it holds data only:
 * contracts, records, enums, constants and a few documented pure data methods. Nothing here does a
 * step of any exercise (taking an address or an entry apart, checking a right, scoring a process);
 * {@code SpiGivesNoStepAwayTest} keeps it so. The reference implementations and their helpers live
 * in {@code dev.pagelab.sim.paging} (e.g. {@code X86Paging}), {@code dev.pagelab.sim.fault} and
 * {@code dev.pagelab.sim.oom}.
 */
package dev.pagelab.sim.spi;
