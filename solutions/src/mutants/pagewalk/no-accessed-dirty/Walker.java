// mutant: never sets A or D, a walk otherwise right (it must keep every point but those of A/D)
package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;

/**
 * A known-wrong variant of the model answer (a mutant): the tests must catch it.
 *
 * <pre>
 * 4-level paging, 48-bit addresses:          5-level paging, 57-bit addresses:
 *
 *   63..48 -- copies of bit 47                 63..57 -- copies of bit 56
 *   47..39 -- PML4 index (level 4)             56..48 -- PML5 index (level 5)
 *   38..30 -- PDPT index (level 3)             47..0  -- as on the left
 *   29..21 -- PD index   (level 2)
 *   20..12 -- PT index   (level 1)
 *   11..0  -- offset in a 4 KiB page (20..0 in a 2 MiB page, 29..0 in a 1 GiB page)
 * </pre>
 *
 * <p>Follows the Intel SDM Vol. 3A §4.5–4.8 as {@code arch/x86/kvm/mmu/paging_tmpl.h} {@code
 * FNAME(walk_addr_generic)} emulates it: check each entry on the way down, combine the rights,
 * check the access at the leaf, and only then set Accessed and Dirty ({@code
 * FNAME(update_accessed_dirty_bits)}).
 */
public final class Walker implements PageTableWalker {
  private static final int PAGE_SHIFT = 12;
  private static final int INDEX_BITS = 9;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  /** Bits 20..13: reserved in a 2 MiB leaf, whose frame must be 2 MiB aligned (12 is PAT). */
  private static final long RESERVED_2M_LEAF = 0x1F_E000L;

  /** Bits 29..13: reserved in a 1 GiB leaf, whose frame must be 1 GiB aligned (12 is PAT). */
  private static final long RESERVED_1G_LEAF = 0x3FFF_E000L;

  /** Creates the walker; it holds no state. */
  public Walker() {}

  /**
   * Translates {@code virtualAddress} or reports the fault, as {@link PageTableWalker} specifies.
   *
   * @param memory physical memory holding the tables
   * @param rootTable the physical address of the top-level table
   * @param virtualAddress the address to translate
   * @param access what the CPU is doing
   * @param mode 4-level or 5-level paging
   * @return the translation or the fault, never null
   */
  @Override
  public WalkResult walk(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode) {
    if (!isCanonical(virtualAddress, mode.virtualBits())) {
      return new PageFault(0, 0, FaultReason.NON_CANONICAL);
    }
    boolean writable = true;
    boolean user = true;
    boolean executable = true;
    long table = rootTable;
    for (int level = mode.levels(); level >= 1; level--) {
      long entry = memory.readLong(table + 8 * index(virtualAddress, level));
      if ((entry & Pte.PTE_P) == 0) {
        return new PageFault(accessBits(access), level, FaultReason.NOT_PRESENT);
      }
      if (hasReservedBits(entry, level)) {
        int code = Pte.PFEC_P | Pte.PFEC_RSVD | accessBits(access);
        return new PageFault(code, level, FaultReason.RESERVED_BIT);
      }
      writable &= (entry & Pte.PTE_RW) != 0;
      user &= (entry & Pte.PTE_US) != 0;
      executable &= (entry & Pte.PTE_NX) == 0;
      if (isLeaf(entry, level)) {
        if (!allows(access, writable, user, executable)) {
          return new PageFault(Pte.PFEC_P | accessBits(access), level, FaultReason.PROTECTION);
        }
        PageSize size = PageSize.ofLevel(level);
        long frame = entry & Pte.PTE_ADDR_MASK & ~size.offsetMask();
        long physical = frame | (virtualAddress & size.offsetMask());
        return new Translation(physical, size, level, writable, user, executable);
      }
      table = entry & Pte.PTE_ADDR_MASK;
    }
    throw new IllegalStateException("Walker.walk: a level-1 entry is always a leaf");
  }

  /** True if bits 63..(bits-1) of {@code va} are all equal (sign-extended from bit bits-1). */
  private static boolean isCanonical(long va, int bits) {
    return (va << (64 - bits)) >> (64 - bits) == va;
  }

  /** The 9-bit index of {@code va} into the table at {@code level} (1 = PT ... 5 = PML5). */
  private static long index(long va, int level) {
    return (va >>> (PAGE_SHIFT + INDEX_BITS * (level - 1))) & INDEX_MASK;
  }

  /** A level-1 entry maps a 4 KiB page; a level-2 or level-3 entry with PS a large page. */
  private static boolean isLeaf(long entry, int level) {
    return level == 1 || (entry & Pte.PTE_PS) != 0;
  }

  /** Bits that must be 0 in a present entry at {@code level}. */
  private static boolean hasReservedBits(long entry, int level) {
    long reserved = Pte.PTE_RESERVED_HIGH;
    if (level >= 4) {
      reserved |= Pte.PTE_PS; // no 512 GiB or 256 TiB pages
    } else if (level == 3 && (entry & Pte.PTE_PS) != 0) {
      reserved |= RESERVED_1G_LEAF;
    } else if (level == 2 && (entry & Pte.PTE_PS) != 0) {
      reserved |= RESERVED_2M_LEAF;
    } // level 1: bit 7 is PAT, not PS
    return (entry & reserved) != 0;
  }

  /** A user access needs US, a write RW (CR0.WP: in the kernel too), a fetch NX clear. */
  private static boolean allows(Access access, boolean writable, boolean user, boolean exec) {
    return (user || !access.user())
        && (writable || !access.isWrite())
        && (exec || !access.isExecute());
  }

  /** The W, U and I bits of the error code: what the CPU was doing. */
  private static int accessBits(Access access) {
    return (access.isWrite() ? Pte.PFEC_W : 0)
        | (access.user() ? Pte.PFEC_U : 0)
        | (access.isExecute() ? Pte.PFEC_I : 0);
  }
}
