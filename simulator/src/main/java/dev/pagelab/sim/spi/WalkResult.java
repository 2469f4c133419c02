package dev.pagelab.sim.spi;

import java.util.Objects;

/** What a page-table walk produced: a translation or a page fault. */
public sealed interface WalkResult permits WalkResult.Translation, WalkResult.PageFault {

  /**
   * A successful translation.
   *
   * @param physicalAddress the physical address the virtual address maps to (frame base plus
   *     offset)
   * @param pageSize the size of the page that maps it
   * @param level the level of the leaf entry: 1 (PTE), 2 (PDE with PS) or 3 (PDPTE with PS)
   * @param writable RW was set at every level
   * @param user US was set at every level
   * @param executable NX was clear at every level
   */
  record Translation(
      long physicalAddress,
      PageSize pageSize,
      int level,
      boolean writable,
      boolean user,
      boolean executable)
      implements WalkResult {
    /** Checks that the page size is given and matches the level. */
    public Translation {
      Objects.requireNonNull(pageSize, "pageSize");
      if (pageSize.level() != level) {
        throw new IllegalArgumentException(
            "Translation: a " + pageSize + " page is mapped at level " + pageSize.level());
      }
    }
  }

  /**
   * A page fault (or, for a non-canonical address, the #GP the hardware raises instead).
   *
   * @param errorCode the x86 error code: {@link Pte#PFEC_P}, {@link Pte#PFEC_W}, {@link
   *     Pte#PFEC_U}, {@link Pte#PFEC_RSVD}, {@link Pte#PFEC_I}; 0 for a non-canonical address
   * @param level the level of the table whose entry stopped the walk (5..1), or 0 if no entry was
   *     read (non-canonical address); for a protection fault, the level of the leaf
   * @param reason why the walk stopped
   */
  record PageFault(int errorCode, int level, FaultReason reason) implements WalkResult {
    /** Checks that the reason is given and the level is 0..5. */
    public PageFault {
      Objects.requireNonNull(reason, "reason");
      if (level < 0 || level > 5) {
        throw new IllegalArgumentException("PageFault: level " + level + " is not 0..5");
      }
    }
  }
}
