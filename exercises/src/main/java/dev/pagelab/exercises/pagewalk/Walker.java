package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.WalkResult;

/**
 * Exercise "pagewalk": the x86-64 page-table walk that the MMU does on a TLB miss. The assignment
 * is {@code exercises/pagewalk/README.md} ({@code README.ko.md} in Korean).
 *
 * <p>A virtual address is cut into one 9-bit index per level and a page offset:
 *
 * <pre>
 * 4-level paging (PagingMode.FOUR_LEVEL), 48-bit addresses:
 *
 *   63..48 -- copies of bit 47 (else the address is not canonical)
 *   47..39 -- 9 bits of PML4 index  (level 4, Linux: pgd)
 *   38..30 -- 9 bits of PDPT index  (level 3, Linux: pud)
 *   29..21 -- 9 bits of PD index    (level 2, Linux: pmd)
 *   20..12 -- 9 bits of PT index    (level 1, Linux: pte)
 *   11..0  -- 12 bits of offset in a 4 KiB page
 *
 * 5-level paging (PagingMode.FIVE_LEVEL), 57-bit addresses:
 *
 *   63..57 -- copies of bit 56
 *   56..48 -- 9 bits of PML5 index  (level 5, Linux: pgd)
 *   47..0  -- as above (PML4 is then Linux's p4d)
 *
 * A 2 MiB page (PD entry with PS) uses bits 20..0 as its offset, a 1 GiB page (PDPT entry with PS)
 * bits 29..0.
 * </pre>
 *
 * <p>What {@link #walk} must do, in this order (the full contract is the Javadoc of {@link
 * PageTableWalker}):
 *
 * <ol>
 *   <li>If the address is not canonical for {@code mode}, return {@code new PageFault(0, 0,
 *       FaultReason.NON_CANONICAL)} without reading any entry.
 *   <li>Start with {@code table = rootTable}. For each level from {@code mode.levels()} down to 1,
 *       read the 8-byte entry at {@code table + 8 * index(va, level)}.
 *   <li>P clear: fault NOT_PRESENT at this level. A reserved bit set (bits 51..46 always; PS at
 *       levels 4 and 5; address bits 20..13 in a 2 MiB leaf, 29..13 in a 1 GiB leaf): fault
 *       RESERVED_BIT at this level.
 *   <li>Combine the rights: writable only if RW is set at every level so far, user only if US is
 *       set at every level, executable only if NX is clear at every level.
 *   <li>A level-1 entry, or a level-2/3 entry with PS, is the leaf. Check the access against the
 *       combined rights (a user access needs US, a write needs RW even in supervisor mode, a fetch
 *       needs NX clear); if it is not allowed, fault PROTECTION at the leaf's level.
 *   <li>Otherwise the entry's bits 45..12 give the next table; go down one level.
 *   <li>On success only: set A in every entry of the path and, for a write, D in the leaf, writing
 *       back only the entries that change. Return the translation: the leaf's frame plus the
 *       offset, the page size, the leaf's level and the combined rights.
 * </ol>
 *
 * <p>A fault's error code has P for protection and reserved-bit faults, W for a write, U for a user
 * access, RSVD for a reserved bit and I for an instruction fetch ({@code Pte.PFEC_*}). The names of
 * all bits are in {@code dev.pagelab.sim.spi.Pte}. Use only what {@code
 * exercises/pagewalk/grader-policy.txt} allows: the basics of {@code java.lang}, the collections,
 * {@code Optional}, sequential streams and lambdas, and the walk's types in {@code
 * dev.pagelab.sim.spi}. Keep no state between calls.
 */
public final class Walker implements PageTableWalker {

  /** Creates the walker; it must hold no state. */
  public Walker() {}

  /**
   * Translates {@code virtualAddress} or reports the fault, as described above.
   *
   * @param memory physical memory holding the tables: read entries with {@code readLong}, write the
   *     A and D bits back with {@code writeLong}
   * @param rootTable the physical address of the top-level table (PML4, or PML5 in 5-level mode)
   * @param virtualAddress the address to translate
   * @param access read, write or instruction fetch, from user or supervisor mode
   * @param mode 4-level (48-bit) or 5-level (57-bit) paging
   * @return a {@code WalkResult.Translation} or a {@code WalkResult.PageFault}, never null
   */
  @Override
  public WalkResult walk(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode) {
    // TODO(pagewalk): walk the tables as described above; add private helper methods as you like.
    throw new UnsupportedOperationException("TODO(pagewalk): implement the walk (see README.md)");
  }
}
