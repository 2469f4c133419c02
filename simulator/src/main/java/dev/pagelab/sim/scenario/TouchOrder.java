package dev.pagelab.sim.scenario;

/** The order in which {@code touch} visits its addresses. */
public enum TouchOrder {
  /** Lowest address first. */
  FORWARD,
  /** Highest address first (the "backwards" loop of the fault experiments). */
  BACKWARD,
  /** A permutation drawn from the machine's seed, so every run is the same. */
  RANDOM
}
