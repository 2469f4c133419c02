package dev.pagelab.sim.spi;

/**
 * The page sizes of x86-64 paging: a PTE maps 4 KiB, a PDE with PS 2 MiB, a PDPTE with PS 1 GiB.
 */
public enum PageSize {
  /** 4 KiB, mapped by a page-table entry (level 1). */
  SIZE_4K(12, 1),
  /** 2 MiB, mapped by a page-directory entry with PS set (level 2). */
  SIZE_2M(21, 2),
  /** 1 GiB, mapped by a PDPT entry with PS set (level 3). */
  SIZE_1G(30, 3);

  private final int shift;
  private final int level;

  PageSize(int shift, int level) {
    this.shift = shift;
    this.level = level;
  }

  /** log2 of the size: 12, 21 or 30. */
  public int shift() {
    return shift;
  }

  /** The size in bytes. */
  public long bytes() {
    return 1L << shift;
  }

  /** The level whose entry maps a page of this size: 1, 2 or 3. */
  public int level() {
    return level;
  }

  /** The mask of the offset bits inside a page of this size. */
  public long offsetMask() {
    return bytes() - 1;
  }

  /** The page size mapped by a leaf at {@code level} (1, 2 or 3). */
  public static PageSize ofLevel(int level) {
    return switch (level) {
      case 1 -> SIZE_4K;
      case 2 -> SIZE_2M;
      case 3 -> SIZE_1G;
      default -> throw new IllegalArgumentException("PageSize.ofLevel: no leaf at level " + level);
    };
  }
}
