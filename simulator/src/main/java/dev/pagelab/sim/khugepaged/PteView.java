package dev.pagelab.sim.khugepaged;

/**
 * One of the 512 PTEs of a 2 MiB range as the collapse rules see it: empty, mapping the shared zero
 * page, a swap entry, or mapping a normal page.
 */
public sealed interface PteView {
  /** The empty PTE singleton. */
  PteView NONE = new None();

  /** {@code pte_none}: nothing mapped. */
  record None() implements PteView {}

  /** A present PTE mapping the zero page ({@code is_zero_pfn}), left by a read fault. */
  record ZeroPage() implements PteView {}

  /**
   * {@code is_swap_pte}: the page was swapped out.
   *
   * @param slot the swap slot (offset) the entry holds
   */
  record Swap(long slot) implements PteView {}

  /**
   * A present PTE mapping a normal page.
   *
   * @param writable {@code pte_write}
   * @param young {@code pte_young}: the Accessed bit
   * @param dirty {@code pte_dirty}
   * @param page the folio it maps
   */
  record Mapped(boolean writable, boolean young, boolean dirty, PageInfo page) implements PteView {}

  /**
   * A writable, young, dirty PTE of an exclusive anonymous page: what a write fault leaves.
   *
   * @param pfn the frame
   * @return the PTE
   */
  static PteView touched(long pfn) {
    return new Mapped(true, true, true, PageInfo.anonExclusive(pfn));
  }
}
