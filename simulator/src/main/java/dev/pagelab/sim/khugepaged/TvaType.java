package dev.pagelab.sim.khugepaged;

/**
 * Who asks {@code thp_vma_allowable_order} (Linux 6.18 {@code enum tva_type} in
 * include/linux/huge_mm.h), for the two callers of this package.
 */
public enum TvaType {
  /** {@code TVA_KHUGEPAGED}: registration and scanning; the sysfs mode applies. */
  KHUGEPAGED,
  /** {@code TVA_FORCED_COLLAPSE}: {@code MADV_COLLAPSE}; the sysfs mode does not apply. */
  FORCED_COLLAPSE
}
