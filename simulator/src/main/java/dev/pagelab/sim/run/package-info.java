/**
 * Runs a parsed scenario on a {@link dev.pagelab.sim.kernel.Machine}: each statement becomes system
 * calls and memory accesses, each view is printed as the real tool prints it, samplers print on the
 * simulated clock, and expectations are checked.
 *
 * <p>Kept apart from {@code dev.pagelab.sim.scenario} so that the language itself depends on
 * nothing but the JDK: the parser can be tested, documented and reused (the course site) without a
 * machine.
 */
package dev.pagelab.sim.run;
