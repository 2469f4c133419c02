package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;

/**
 * The x86-64 paging arithmetic the simulator's own code uses: which entry of a table an address
 * selects, what an entry points to, whether it is present or a large leaf, and which addresses are
 * canonical. These are the helpers of {@code arch/x86/include/asm/pgtable.h} ({@code pte_pfn},
 * {@code pte_present}, {@code pmd_leaf}, {@code pgd_index} ...) and {@code
 * arch/x86/include/asm/page.h} ({@code __is_canonical_address}).
 *
 * <p>They live here and not in {@code dev.pagelab.sim.spi} on purpose: each one is a step of the
 * page-walk exercise, and the contracts students may use hold data only.
 */
public final class X86Paging {
  private static final int PAGE_SHIFT = 12;
  private static final int INDEX_BITS = 9;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  private X86Paging() {}

  /** The physical address of the 4 KiB frame (or table) an entry points to. */
  public static long pteToPhys(long pte) {
    return pte & Pte.PTE_ADDR_MASK;
  }

  /** The frame number an entry points to ({@code pte_pfn}). */
  public static long pteToPfn(long pte) {
    return (pte & Pte.PTE_ADDR_MASK) >>> PAGE_SHIFT;
  }

  /** The frame field for a physical address (its low 12 bits dropped). */
  public static long physToPte(long phys) {
    return phys & Pte.PTE_ADDR_MASK;
  }

  /** True if the present bit is set ({@code pte_present}). */
  public static boolean isPresent(long pte) {
    return (pte & Pte.PTE_P) != 0;
  }

  /** True if the entry has PS set: a leaf when it is a PDE or PDPTE ({@code pmd_leaf}). */
  public static boolean isLarge(long pte) {
    return (pte & Pte.PTE_PS) != 0;
  }

  /**
   * The index into the table at {@code level} (1 = PT ... 5 = PML5) of a virtual address ({@code
   * pte_index}, {@code pmd_index}, {@code pud_index}, {@code p4d_index}, {@code pgd_index}).
   */
  public static int index(long va, int level) {
    return (int) ((va >>> (PAGE_SHIFT + INDEX_BITS * (level - 1))) & INDEX_MASK);
  }

  /** The byte offset of the entry for {@code va} inside a table at {@code level}. */
  public static long entryOffset(long va, int level) {
    return (long) index(va, level) * Pte.ENTRY_BYTES;
  }

  /**
   * True if bits 63..(virtualBits-1) of {@code va} are all copies of bit (virtualBits-1) ({@code
   * __is_canonical_address}).
   */
  public static boolean isCanonical(long va, PagingMode mode) {
    int unused = Long.SIZE - mode.virtualBits();
    return (va << unused) >> unused == va;
  }

  /**
   * The lowest user address that is not valid: 0x0000_8000_0000_0000 (48-bit) or 2^56 (57-bit), the
   * kernel's {@code TASK_SIZE_MAX} plus one guard page.
   */
  public static long userAddressLimit(PagingMode mode) {
    return 1L << (mode.virtualBits() - 1);
  }
}
