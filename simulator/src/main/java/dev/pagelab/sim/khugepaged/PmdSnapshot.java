package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * The state of one PMD-aligned 2 MiB range as {@code find_pmd_or_thp_or_none} and the PTE loop of
 * {@code hpage_collapse_scan_pmd} (mm/khugepaged.c) see it.
 */
public sealed interface PmdSnapshot {
  /** No PUD (or PMD table) above the range: {@code mm_find_pmd} returns NULL. */
  record NoPmd() implements PmdSnapshot {}

  /** {@code pmd_none}: the PMD entry is empty, there is no PTE table. */
  record EmptyPmd() implements PmdSnapshot {}

  /** {@code pmd_trans_huge}: already mapped by a huge PMD (a THP or the huge zero page). */
  record HugePmd() implements PmdSnapshot {}

  /**
   * A PTE table with its 512 entries in address order.
   *
   * @param ptes exactly {@code HPAGE_PMD_NR} entries
   */
  record Table(List<PteView> ptes) implements PmdSnapshot {
    /**
     * A table of 512 entries.
     *
     * @throws IllegalArgumentException if there are not 512 entries
     */
    public Table {
      ptes = List.copyOf(ptes);
      if (ptes.size() != KhugepagedSettings.HPAGE_PMD_NR) {
        throw new IllegalArgumentException("PmdSnapshot.Table: " + ptes.size() + " PTEs, not 512");
      }
    }
  }
}
