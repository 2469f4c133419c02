/**
 * The exercise contracts: small, stable interfaces through which the simulator calls its paging and
 * fault-handling code, so that a student's implementation can replace the reference one.
 *
 * <p>Values in and out are records, enums and sealed interfaces, so a test can build any input
 * directly. The reference implementations live in {@code dev.pagelab.sim.paging} and {@code
 * dev.pagelab.sim.fault}.
 */
package dev.pagelab.sim.spi;
