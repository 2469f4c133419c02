package dev.pagelab.sim.paging;

import dev.pagelab.sim.paging.WalkObserver.Decision;
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
import java.util.Objects;

/**
 * The reference x86-64 page-table walk: what the MMU does on a TLB miss.
 *
 * <pre>
 * 4-level paging (PagingMode.FOUR_LEVEL), 48-bit virtual address:
 *
 *  63        48 47     39 38     30 29     21 20     12 11           0
 * +------------+---------+---------+---------+---------+--------------+
 * | copies of  |  PML4   |  PDPT   |   PD    |   PT    | offset in a  |
 * |   bit 47   |  index  |  index  |  index  |  index  |  4 KiB page  |
 * +------------+---------+---------+---------+---------+--------------+
 *                                            |<-- offset in 2 MiB --->|
 *                                  |<------ offset in 1 GiB --------->|
 *
 * 5-level paging (PagingMode.FIVE_LEVEL, LA57), 57-bit virtual address:
 *
 *  63     57 56     48 47     39 38     30 29     21 20     12 11           0
 * +---------+---------+---------+---------+---------+---------+--------------+
 * | copies  |  PML5   |  PML4   |  PDPT   |   PD    |   PT    | offset in a  |
 * | of b.56 |  index  |  index  |  index  |  index  |  index  |  4 KiB page  |
 * +---------+---------+---------+---------+---------+---------+--------------+
 * </pre>
 *
 * <p>Each index selects one of the 512 eight-byte entries of a 4 KiB table; the entry gives the
 * next table, or, as a leaf, the page frame. The walk follows the rules of the Intel SDM Vol. 3A
 * §4.5–4.8 as the kernel's own software walker emulates them for guests: {@code
 * arch/x86/kvm/mmu/paging_tmpl.h} {@code FNAME(walk_addr_generic)} (present, reserved bits,
 * permission combination, then {@code FNAME(update_accessed_dirty_bits)} only on success), with the
 * reserved-bit masks of {@code arch/x86/kvm/mmu/mmu.c} {@code __reset_rsvds_bits_mask} and the
 * error-code bits of {@code arch/x86/include/asm/trap_pf.h}. The CPU has CR0.WP and EFER.NXE set
 * and neither SMEP, SMAP nor protection keys.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReferenceWalker implements PageTableWalker {
  /** Bits 20..13: reserved in a 2 MiB leaf (bit 12 is its PAT bit). */
  static final long RESERVED_2M_LEAF = bits(20, 13);

  /** Bits 29..13: reserved in a 1 GiB leaf (bit 12 is its PAT bit). */
  static final long RESERVED_1G_LEAF = bits(29, 13);

  /** Creates the walker; it holds no state. */
  public ReferenceWalker() {}

  @Override
  public WalkResult walk(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode) {
    return walk(memory, rootTable, virtualAddress, access, mode, WalkObserver.NONE);
  }

  /**
   * Translates one virtual address as {@link #walk(PhysicalMemoryView, long, long, Access,
   * PagingMode)} does, and reports every entry read and every entry updated to {@code observer}.
   *
   * @param observer receives the steps; {@link WalkObserver#NONE} for none
   * @return the translation or the fault, never null
   */
  public WalkResult walk(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode,
      WalkObserver observer) {
    checkArguments(memory, rootTable, access, mode, observer);
    if (!X86Paging.isCanonical(virtualAddress, mode)) {
      return new PageFault(0, 0, FaultReason.NON_CANONICAL);
    }
    boolean writable = true;
    boolean user = true;
    boolean executable = true;
    boolean mustUpdate = false;
    long table = rootTable;
    for (int level = mode.levels(); level >= 1; level--) {
      long entryAddress = table + X86Paging.entryOffset(virtualAddress, level);
      long entry = memory.readLong(entryAddress);
      Decision decision = decide(entry, level);
      observer.onEntry(
          level, table, X86Paging.index(virtualAddress, level), entryAddress, entry, decision);
      if (decision.isFault()) {
        return fault(decision, level, access);
      }
      writable &= (entry & Pte.PTE_RW) != 0;
      user &= (entry & Pte.PTE_US) != 0;
      executable &= (entry & Pte.PTE_NX) == 0;
      mustUpdate |= (entry & Pte.PTE_A) == 0;
      if (decision == Decision.LEAF) {
        if (!permits(access, writable, user, executable)) {
          return new PageFault(Pte.PFEC_P | accessErrorBits(access), level, FaultReason.PROTECTION);
        }
        if (mustUpdate || (access.isWrite() && (entry & Pte.PTE_D) == 0)) {
          setAccessedAndDirty(memory, rootTable, virtualAddress, mode, level, access, observer);
        }
        return translation(entry, level, virtualAddress, writable, user, executable);
      }
      table = X86Paging.pteToPhys(entry);
    }
    throw new IllegalStateException("ReferenceWalker.walk: no leaf after level 1");
  }

  /** What one entry at {@code level} means for the walk, checked in the hardware's order. */
  static Decision decide(long entry, int level) {
    if (!X86Paging.isPresent(entry)) {
      return Decision.NOT_PRESENT;
    }
    if ((entry & Pte.PTE_RESERVED_HIGH) != 0) {
      return Decision.RESERVED_HIGH_BITS;
    }
    if (level == PageSize.SIZE_4K.level()) {
      return Decision.LEAF; // bit 7 of a PTE is PAT, not PS
    }
    if (!X86Paging.isLarge(entry)) {
      return Decision.NEXT_TABLE;
    }
    if (level > PageSize.SIZE_1G.level()) {
      return Decision.RESERVED_PS;
    }
    long reserved = level == PageSize.SIZE_2M.level() ? RESERVED_2M_LEAF : RESERVED_1G_LEAF;
    return (entry & reserved) != 0 ? Decision.RESERVED_LARGE_PAGE_BITS : Decision.LEAF;
  }

  /** True if the combined rights of the path allow the access (CR0.WP set: supervisors too). */
  static boolean permits(Access access, boolean writable, boolean user, boolean executable) {
    return (!access.user() || user)
        && (!access.isWrite() || writable)
        && (!access.isExecute() || executable);
  }

  /** The W, U and I bits of the error code, which describe the access whatever the fault. */
  static int accessErrorBits(Access access) {
    return (access.isWrite() ? Pte.PFEC_W : 0)
        | (access.user() ? Pte.PFEC_U : 0)
        | (access.isExecute() ? Pte.PFEC_I : 0);
  }

  /** The fault for an entry that stopped the walk: not present, or a reserved bit. */
  private static PageFault fault(Decision decision, int level, Access access) {
    if (decision == Decision.NOT_PRESENT) {
      return new PageFault(accessErrorBits(access), level, FaultReason.NOT_PRESENT);
    }
    int code = Pte.PFEC_P | Pte.PFEC_RSVD | accessErrorBits(access);
    return new PageFault(code, level, FaultReason.RESERVED_BIT);
  }

  /** The translation a leaf gives: its frame (PAT and reserved bits masked off) plus the offset. */
  private static Translation translation(
      long leaf, int level, long va, boolean writable, boolean user, boolean executable) {
    PageSize size = PageSize.ofLevel(level);
    long frame = X86Paging.pteToPhys(leaf) & ~size.offsetMask();
    return new Translation(
        frame | (va & size.offsetMask()), size, level, writable, user, executable);
  }

  /**
   * Goes down the path a second time, setting Accessed in every entry and, for a write, Dirty in
   * the leaf; writes back only the entries that change. Only a walk that succeeded gets here, so a
   * faulting walk changes nothing.
   */
  private static void setAccessedAndDirty(
      PhysicalMemoryView memory,
      long rootTable,
      long va,
      PagingMode mode,
      int leafLevel,
      Access access,
      WalkObserver observer) {
    long table = rootTable;
    for (int level = mode.levels(); level >= leafLevel; level--) {
      long entryAddress = table + X86Paging.entryOffset(va, level);
      long entry = memory.readLong(entryAddress);
      long dirty = level == leafLevel && access.isWrite() ? Pte.PTE_D : 0;
      long updated = entry | Pte.PTE_A | dirty;
      if (updated != entry) {
        memory.writeLong(entryAddress, updated);
        observer.onUpdate(level, entryAddress, entry, updated);
      }
      table = X86Paging.pteToPhys(entry);
    }
  }

  private static void checkArguments(
      PhysicalMemoryView memory,
      long rootTable,
      Access access,
      PagingMode mode,
      WalkObserver observer) {
    Objects.requireNonNull(memory, "ReferenceWalker.walk: memory");
    Objects.requireNonNull(access, "ReferenceWalker.walk: access");
    Objects.requireNonNull(mode, "ReferenceWalker.walk: mode");
    Objects.requireNonNull(observer, "ReferenceWalker.walk: observer");
    if ((rootTable & ~Pte.PTE_ADDR_MASK) != 0) { // a table is one 4 KiB frame
      throw new IllegalArgumentException(
          String.format(
              "ReferenceWalker.walk: root table 0x%x is not a 4 KiB aligned %d-bit physical"
                  + " address",
              rootTable, Pte.PHYS_ADDR_BITS));
    }
  }

  /** The mask of bits {@code high..low}, both included. */
  private static long bits(int high, int low) {
    return (-1L >>> (63 - high)) & (-1L << low);
  }
}
