package dev.pagelab.sim.spi;

/**
 * The hardware page-table walk of an x86-64 MMU.
 *
 * <p>Given the physical address of the top-level table (CR3), a virtual address and an access, a
 * walker:
 *
 * <ol>
 *   <li>rejects a non-canonical address ({@link FaultReason#NON_CANONICAL}, error code 0, level 0);
 *   <li>reads one entry per level, from level {@code mode.levels()} down, at {@code table + 8 *
 *       index};
 *   <li>stops with {@link FaultReason#NOT_PRESENT} at the first entry without P, or with {@link
 *       FaultReason#RESERVED_BIT} at the first present entry with a reserved bit set (see {@link
 *       Pte});
 *   <li>stops at a leaf: a level-1 entry, or a level-2/3 entry with PS;
 *   <li>combines the permissions of every entry on the path: writable only if RW is set at every
 *       level, user-accessible only if US is set at every level, executable only if NX is clear at
 *       every level. A user access needs US; a write needs RW (for supervisor writes too: CR0.WP is
 *       set); an instruction fetch needs NX clear. Otherwise {@link FaultReason#PROTECTION} at the
 *       leaf's level;
 *   <li>on success sets Accessed in every entry of the path and, for a write, Dirty in the leaf,
 *       writing each entry back only if it changed. A walk that faults changes nothing.
 * </ol>
 *
 * <p>The error code of a fault has {@link Pte#PFEC_P} for protection and reserved-bit faults,
 * {@link Pte#PFEC_W} for a write, {@link Pte#PFEC_U} for a user access, {@link Pte#PFEC_RSVD} for a
 * reserved bit and {@link Pte#PFEC_I} for an instruction fetch.
 *
 * <p>Implementations must be stateless and thread-safe: no TLB here; the simulator keeps its own.
 */
public interface PageTableWalker {
  /**
   * Translates one virtual address.
   *
   * @param memory physical memory holding the tables
   * @param rootTable the physical address of the top-level table (CR3 without flags)
   * @param virtualAddress the address to translate
   * @param access what the CPU is doing
   * @param mode 4-level or 5-level paging
   * @return the translation or the fault, never null
   */
  WalkResult walk(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode);
}
