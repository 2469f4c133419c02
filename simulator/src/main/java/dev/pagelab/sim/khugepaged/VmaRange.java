package dev.pagelab.sim.khugepaged;

/**
 * What the collapse policy needs to know about one VMA.
 *
 * @param start {@code vm_start}, page aligned
 * @param end {@code vm_end}, page aligned, above {@code start}
 * @param anonymous {@code vma_is_anonymous}: private anonymous memory (no file, no vm_ops)
 * @param hasAnonVma {@code vma->anon_vma} is set: something was faulted in since the mapping was
 *     made
 * @param vmHugepage {@code VM_HUGEPAGE} ({@code MADV_HUGEPAGE})
 * @param vmNohugepage {@code VM_NOHUGEPAGE} ({@code MADV_NOHUGEPAGE})
 */
public record VmaRange(
    long start,
    long end,
    boolean anonymous,
    boolean hasAnonVma,
    boolean vmHugepage,
    boolean vmNohugepage) {

  /**
   * A non-empty, page-aligned VMA.
   *
   * @throws IllegalArgumentException otherwise
   */
  public VmaRange {
    if (start >= end
        || start % CollapseRules.PAGE_SIZE != 0
        || end % CollapseRules.PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "VmaRange: 0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end));
    }
  }

  /**
   * A touched private anonymous VMA without madvise flags.
   *
   * @param start its start
   * @param end its end
   * @return the VMA
   */
  public static VmaRange anon(long start, long end) {
    return new VmaRange(start, end, true, true, false, false);
  }

  /**
   * The first PMD-aligned address inside the VMA ({@code round_up(vm_start, HPAGE_PMD_SIZE)}).
   *
   * @return hstart
   */
  public long hstart() {
    return Math.floorDiv(start + CollapseRules.HPAGE_PMD_SIZE - 1, CollapseRules.HPAGE_PMD_SIZE)
        * CollapseRules.HPAGE_PMD_SIZE;
  }

  /**
   * The last PMD-aligned address inside the VMA ({@code round_down(vm_end, HPAGE_PMD_SIZE)}).
   *
   * @return hend
   */
  public long hend() {
    return Math.floorDiv(end, CollapseRules.HPAGE_PMD_SIZE) * CollapseRules.HPAGE_PMD_SIZE;
  }
}
