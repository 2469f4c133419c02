package dev.pagelab.sim.spi;

/** Why a walk did not produce a translation. */
public enum FaultReason {
  /** An entry on the way had P clear. */
  NOT_PRESENT,
  /** Every entry was present but the combined permissions forbid the access. */
  PROTECTION,
  /** A present entry had a reserved bit set. */
  RESERVED_BIT,
  /** The address is not canonical; real hardware raises #GP, not #PF, and no table is read. */
  NON_CANONICAL
}
