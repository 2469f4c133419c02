package dev.pagelab.sim.khugepaged;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine for the scanner tests: address spaces of VMAs, ranges that are empty PMDs unless a test
 * fills them, collapses that succeed (turning the range into a huge PMD) unless a result is queued.
 */
final class FakeTarget implements CollapseTarget {
  static final long MB2 = CollapseRules.HPAGE_PMD_SIZE;

  final Map<Integer, MmView> mms = new HashMap<>();
  final Map<String, PmdSnapshot> ranges = new HashMap<>();
  final List<String> snapshots = new ArrayList<>();
  final List<String> collapses = new ArrayList<>();
  final Deque<ScanResult> queuedOutcomes = new ArrayDeque<>();

  private static String key(int mm, long addr) {
    return mm + "@" + Long.toHexString(addr);
  }

  FakeTarget mm(int id, VmaRange... vmas) {
    mms.put(id, new MmView(List.of(vmas), ThpDisable.NONE));
    return this;
  }

  /** Fills {@code n} ranges from {@code start} with 512 touched pages each. */
  FakeTarget fill(int mm, long start, int n) {
    for (int i = 0; i < n; i++) {
      ranges.put(key(mm, start + i * MB2), Ranges.of().touched(512).table());
    }
    return this;
  }

  @Override
  public MmView mm(int mmId) {
    return mms.get(mmId);
  }

  @Override
  public PmdSnapshot snapshot(int mmId, long address) {
    snapshots.add(key(mmId, address));
    return ranges.getOrDefault(key(mmId, address), new PmdSnapshot.EmptyPmd());
  }

  @Override
  public CollapseOutcome collapse(int mmId, long address, CollapsePlan plan) {
    collapses.add(key(mmId, address));
    if (!queuedOutcomes.isEmpty()) {
      return CollapseOutcome.of(queuedOutcomes.poll());
    }
    PmdSnapshot.Table t = (PmdSnapshot.Table) ranges.get(key(mmId, address));
    List<PteView> swappedIn = new ArrayList<>(t.ptes());
    for (int i : plan.swapIns()) {
      swappedIn.set(i, PteView.touched(5000 + i));
    }
    CollapsePlan.Isolation iso = plan.isolate(new PmdSnapshot.Table(swappedIn));
    if (iso.result() != ScanResult.SCAN_SUCCEED) {
      return CollapseOutcome.of(iso);
    }
    ranges.put(key(mmId, address), new PmdSnapshot.HugePmd());
    return CollapseOutcome.of(ScanResult.SCAN_SUCCEED);
  }
}
