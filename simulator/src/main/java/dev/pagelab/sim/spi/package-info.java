/**
 * The exercise contracts: small, stable interfaces through which the simulator calls its paging,
 * fault-handling and OOM-killer code, so that a student's implementation can replace the reference
 * one: {@link dev.pagelab.sim.spi.PageTableWalker}, {@link dev.pagelab.sim.spi.FaultHandler}, and
 * {@link dev.pagelab.sim.spi.OomPolicy} over {@link dev.pagelab.sim.spi.OomTask}, {@link
 * dev.pagelab.sim.spi.OomControl} and {@link dev.pagelab.sim.spi.OomChoice}.
 *
 * <p>Values in and out are records, enums and sealed interfaces, so a test can build any input
 * directly. The reference implementations live in {@code dev.pagelab.sim.paging}, {@code
 * dev.pagelab.sim.fault} and {@code dev.pagelab.sim.oom}.
 */
package dev.pagelab.sim.spi;
