/**
 * JMH benchmarks of the simulator; {@code docs/performance.md} says how to run them and what they
 * gave.
 */
package dev.pagelab.bench;
