package dev.pagelab.sim.khugepaged;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The /proc/vmstat events collapses count ({@code count_vm_event} in mm/khugepaged.c), as deltas
 * the machine adds to its counters.
 *
 * @param thpCollapseAlloc {@code thp_collapse_alloc}: huge pages allocated for a collapse
 * @param thpCollapseAllocFailed {@code thp_collapse_alloc_failed}: allocations that failed
 * @param thpScanExceedNonePte {@code thp_scan_exceed_none_pte}
 * @param thpScanExceedSwapPte {@code thp_scan_exceed_swap_pte}
 * @param thpScanExceedSharePte {@code thp_scan_exceed_share_pte}
 */
public record VmEvents(
    long thpCollapseAlloc,
    long thpCollapseAllocFailed,
    long thpScanExceedNonePte,
    long thpScanExceedSwapPte,
    long thpScanExceedSharePte) {
  /** No event. */
  public static final VmEvents NONE = new VmEvents(0, 0, 0, 0, 0);

  /**
   * The sum of two deltas.
   *
   * @param o the other delta
   * @return this plus {@code o}
   */
  public VmEvents plus(VmEvents o) {
    return new VmEvents(
        thpCollapseAlloc + o.thpCollapseAlloc,
        thpCollapseAllocFailed + o.thpCollapseAllocFailed,
        thpScanExceedNonePte + o.thpScanExceedNonePte,
        thpScanExceedSwapPte + o.thpScanExceedSwapPte,
        thpScanExceedSharePte + o.thpScanExceedSharePte);
  }

  /**
   * The event a scan result counts, if any: the three {@code THP_SCAN_EXCEED_*} events.
   *
   * @param r a result of the collapse rules
   * @return one event for an exceeded limit, else {@link #NONE}
   */
  static VmEvents of(ScanResult r) {
    return switch (r) {
      case SCAN_EXCEED_NONE_PTE -> new VmEvents(0, 0, 1, 0, 0);
      case SCAN_EXCEED_SWAP_PTE -> new VmEvents(0, 0, 0, 1, 0);
      case SCAN_EXCEED_SHARED_PTE -> new VmEvents(0, 0, 0, 0, 1);
      default -> NONE;
    };
  }

  /**
   * The deltas under their /proc/vmstat names, in the order of mm/vmstat.c's {@code vmstat_text}.
   *
   * @return name to delta
   */
  public Map<String, Long> byVmstatName() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("thp_collapse_alloc", thpCollapseAlloc);
    m.put("thp_collapse_alloc_failed", thpCollapseAllocFailed);
    m.put("thp_scan_exceed_none_pte", thpScanExceedNonePte);
    m.put("thp_scan_exceed_swap_pte", thpScanExceedSwapPte);
    m.put("thp_scan_exceed_share_pte", thpScanExceedSharePte);
    return m;
  }
}
