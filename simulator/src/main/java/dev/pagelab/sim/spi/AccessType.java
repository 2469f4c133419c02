package dev.pagelab.sim.spi;

/** What the CPU is doing with an address: reading data, writing data or fetching an instruction. */
public enum AccessType {
  /** A data load. */
  READ,
  /** A data store. */
  WRITE,
  /** An instruction fetch. */
  EXECUTE
}
