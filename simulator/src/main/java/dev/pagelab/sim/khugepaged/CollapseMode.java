package dev.pagelab.sim.khugepaged;

/**
 * Who asked for the collapse: {@code cc->is_khugepaged} in mm/khugepaged.c. khugepaged obeys the
 * {@code max_ptes_*} limits and wants referenced pages; {@code MADV_COLLAPSE} ({@code
 * madvise_collapse}) ignores both and always allocates with {@code GFP_TRANSHUGE}.
 */
public enum CollapseMode {
  /** The background daemon ({@code khugepaged_collapse_control}). */
  KHUGEPAGED,
  /** {@code madvise(MADV_COLLAPSE)}, synchronous, in the caller's context. */
  MADV_COLLAPSE;

  /**
   * {@code cc->is_khugepaged}.
   *
   * @return true for {@link #KHUGEPAGED}
   */
  public boolean isKhugepaged() {
    return this == KHUGEPAGED;
  }
}
