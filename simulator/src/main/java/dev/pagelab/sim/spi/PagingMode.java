package dev.pagelab.sim.spi;

/** The x86-64 paging modes: 4-level (48-bit virtual addresses) and 5-level (57-bit, LA57). */
public enum PagingMode {
  /** PML4 → PDPT → PD → PT: 48-bit virtual addresses, 256 TiB. */
  FOUR_LEVEL(4, 48),
  /** PML5 → PML4 → PDPT → PD → PT: 57-bit virtual addresses, 128 PiB. */
  FIVE_LEVEL(5, 57);

  private final int levels;
  private final int virtualBits;

  PagingMode(int levels, int virtualBits) {
    this.levels = levels;
    this.virtualBits = virtualBits;
  }

  /** How many tables a 4 KiB translation reads: 4 or 5. */
  public int levels() {
    return levels;
  }

  /** The width of a virtual address: 48 or 57. */
  public int virtualBits() {
    return virtualBits;
  }
}
