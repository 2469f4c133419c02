/**
 * Test helpers that read the real-kernel captures copied under {@code src/test/resources/truth/}.
 */
package dev.pagelab.sim.truth;
