package dev.pagelab.sim.khugepaged;

/**
 * Which anonymous VMAs may get a PMD-sized THP by collapse: {@code thp_vma_allowable_order(vma,
 * vm_flags, TVA_KHUGEPAGED or TVA_FORCED_COLLAPSE, PMD_ORDER)} of Linux 6.18 ({@code
 * __thp_vma_allowable_orders} in mm/huge_memory.c, {@code vma_thp_disabled} in
 * include/linux/huge_mm.h).
 *
 * <p>In order: {@code VM_NOHUGEPAGE} or {@code PR_SET_THP_DISABLE} refuse ({@code
 * PR_THP_DISABLE_EXCEPT_ADVISED} only where neither {@code VM_HUGEPAGE} nor a forced collapse
 * advises THP); khugepaged then needs {@code enabled=always}, or {@code madvise} with {@code
 * VM_HUGEPAGE}; outside the fault path the VMA must contain one whole aligned 2 MiB block ({@code
 * thp_vma_suitable_order} on {@code vm_end - HPAGE_PMD_SIZE}); and an anonymous VMA must have its
 * {@code anon_vma}, i.e. have been faulted in. File and shmem VMAs are not collapsed here.
 */
public final class Eligibility {
  private Eligibility() {}

  /**
   * {@code hugepage_pmd_enabled}: khugepaged runs at all.
   *
   * @param enabled the sysfs mode
   * @return false only for {@code never}
   */
  public static boolean hugepagePmdEnabled(ThpEnabled enabled) {
    return enabled != ThpEnabled.NEVER;
  }

  /**
   * {@code vma_thp_disabled}.
   *
   * @param vma the VMA
   * @param disable the process's prctl state
   * @param forcedCollapse the caller is MADV_COLLAPSE
   * @return true if THP is disabled for this VMA
   */
  public static boolean vmaThpDisabled(VmaRange vma, ThpDisable disable, boolean forcedCollapse) {
    if (vma.vmNohugepage() || disable == ThpDisable.COMPLETELY) {
      return true;
    }
    if (vma.vmHugepage() || forcedCollapse) {
      return false;
    }
    return disable == ThpDisable.EXCEPT_ADVISED;
  }

  /**
   * {@code thp_vma_allowable_order} for {@code PMD_ORDER}.
   *
   * @param vma the VMA
   * @param disable the process's prctl state
   * @param enabled the sysfs mode
   * @param type who asks
   * @return true if the VMA may be collapsed
   */
  public static boolean allowable(
      VmaRange vma, ThpDisable disable, ThpEnabled enabled, TvaType type) {
    boolean forced = type == TvaType.FORCED_COLLAPSE;
    if (vmaThpDisabled(vma, disable, forced)) {
      return false;
    }
    if (!forced
        && (enabled == ThpEnabled.NEVER || (enabled == ThpEnabled.MADVISE && !vma.vmHugepage()))) {
      return false;
    }
    return vma.hstart() < vma.hend() && vma.anonymous() && vma.hasAnonVma();
  }
}
