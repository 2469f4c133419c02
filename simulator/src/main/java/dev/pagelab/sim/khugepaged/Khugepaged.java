package dev.pagelab.sim.khugepaged;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The khugepaged daemon on the simulated clock (Linux 6.18 mm/khugepaged.c): the list of mm slots
 * with its cursor {@code khugepaged_scan}, one {@code khugepaged_do_scan} per wake, the sleeps of
 * {@code khugepaged_wait_work} and {@code khugepaged_alloc_sleep}, the counters {@code
 * pages_collapsed} and {@code full_scans}; and {@code madvise_collapse}, which shares the rules but
 * not the daemon.
 *
 * <p>Timing: a pass takes no simulated time. When the slot list goes from empty to non-empty
 * ({@code __khugepaged_enter} wakes the thread) or a sleep knob is written, a pass is due at once;
 * after a pass the next is due {@code scan_sleep_millisecs} later (at least 1 ms: the kernel
 * rescans at once for 0, which a simulation without time cannot do); the first failed huge page
 * allocation of a pass suspends it for {@code alloc_sleep_millisecs}, a second one ends it.
 *
 * <p>Progress as {@code khugepaged_scan_mm_slot} counts it: 1 for entering an mm, 1 for each VMA
 * skipped, {@code HPAGE_PMD_NR} for each 2 MiB range looked at whatever its state (6.18 charges an
 * already huge or empty range as much as a full one). A pass stops once it reaches {@code
 * pages_to_scan}, or after passing the head of the list twice; each collapse attempt drops the mmap
 * lock and re-enters the same mm, costing 1 more.
 */
public final class Khugepaged {
  private KhugepagedSettings settings;
  private ThpEnabled enabled;

  /** The mm slots in list order ({@code khugepaged_scan.mm_head}). */
  private final List<Integer> slots = new ArrayList<>();

  /** Exited mms still on the list because the cursor points at them. */
  private final Set<Integer> exited = new HashSet<>();

  /** {@code khugepaged_scan.mm_slot}, or null at the head of the list. */
  private Integer cursor;

  /** {@code khugepaged_scan.address}. */
  private long cursorAddress;

  private long pagesCollapsed;
  private long fullScans;
  private long nextWake = Long.MAX_VALUE;

  /** A pass suspended by {@code khugepaged_alloc_sleep}: its progress and head passes. */
  private long suspendedProgress = -1;

  private int suspendedHeadPasses;

  /**
   * A daemon with no mm registered.
   *
   * @param settings the knobs
   * @param enabled the THP mode
   */
  public Khugepaged(KhugepagedSettings settings, ThpEnabled enabled) {
    this.settings = settings;
    this.enabled = enabled;
  }

  /**
   * The knobs in force.
   *
   * @return the settings
   */
  public KhugepagedSettings settings() {
    return settings;
  }

  /**
   * Writes the knobs; a change of either sleep wakes the daemon at once, as the store functions of
   * {@code scan_sleep_millisecs} and {@code alloc_sleep_millisecs} do.
   *
   * @param s the new settings
   * @param nowMillis the clock
   */
  public void setSettings(KhugepagedSettings s, long nowMillis) {
    boolean sleepChanged =
        s.scanSleepMillisecs() != settings.scanSleepMillisecs()
            || s.allocSleepMillisecs() != settings.allocSleepMillisecs();
    settings = s;
    if (sleepChanged && hasWork()) {
      nextWake = Math.min(nextWake, nowMillis);
    }
  }

  /**
   * A write to {@code transparent_hugepage/enabled} ({@code start_stop_khugepaged}): {@code never}
   * stops the thread and drops the cursor; leaving {@code never} starts it, which scans at once.
   *
   * @param e the new mode
   * @param nowMillis the clock
   */
  public void setThpEnabled(ThpEnabled e, long nowMillis) {
    boolean wasRunning = Eligibility.hugepagePmdEnabled(enabled);
    enabled = e;
    if (!Eligibility.hugepagePmdEnabled(e)) {
      nextWake = Long.MAX_VALUE;
      suspendedProgress = -1;
      if (cursor != null) {
        collect(cursor);
        cursor = null;
      }
    } else if (!wasRunning && hasWork()) {
      nextWake = nowMillis;
    }
  }

  /**
   * {@code khugepaged_enter_vma}: registers the mm if it is not yet, khugepaged runs and the VMA
   * qualifies for {@code TVA_KHUGEPAGED}. Called by the kernel after {@code MADV_HUGEPAGE}, a THP
   * fault ({@code do_huge_pmd_anonymous_page}), {@code mmap}/{@code brk} and VMA merges.
   *
   * @param mmId the address space
   * @param vma the VMA with its new flags
   * @param disable the process's prctl state
   * @param nowMillis the clock
   * @return true if the mm was registered now
   */
  public boolean enterVma(int mmId, VmaRange vma, ThpDisable disable, long nowMillis) {
    if (slots.contains(mmId)
        || !Eligibility.hugepagePmdEnabled(enabled)
        || !Eligibility.allowable(vma, disable, enabled, TvaType.KHUGEPAGED)) {
      return false;
    }
    enter(mmId, nowMillis);
    return true;
  }

  /**
   * {@code khugepaged_fork}: a child of a registered mm is registered too ({@code dup_mmap}).
   *
   * @param parentMmId the parent
   * @param childMmId the child
   * @param nowMillis the clock
   */
  public void fork(int parentMmId, int childMmId, long nowMillis) {
    if (slots.contains(parentMmId) && !exited.contains(parentMmId) && !slots.contains(childMmId)) {
      enter(childMmId, nowMillis);
    }
  }

  /** {@code __khugepaged_enter}: at the tail, just behind the cursor; wakes an idle daemon. */
  private void enter(int mmId, long nowMillis) {
    boolean wakeup = slots.isEmpty();
    slots.add(mmId);
    if (wakeup && Eligibility.hugepagePmdEnabled(enabled)) {
      nextWake = Math.min(nextWake, nowMillis);
    }
  }

  /**
   * {@code __khugepaged_exit}: the slot goes at once unless the cursor points at it; then the next
   * pass collects it (costing 1 progress).
   *
   * @param mmId the exiting address space
   */
  public void exit(int mmId) {
    if (!slots.contains(mmId)) {
      return;
    }
    if (cursor != null && cursor == mmId) {
      exited.add(mmId);
    } else {
      slots.remove(Integer.valueOf(mmId));
    }
  }

  /**
   * Whether the mm is on the list ({@code MMF_VM_HUGEPAGE}).
   *
   * @param mmId the address space
   * @return true if registered and not exited
   */
  public boolean registered(int mmId) {
    return slots.contains(mmId) && !exited.contains(mmId);
  }

  /**
   * The registered mms in list order.
   *
   * @return mm ids
   */
  public List<Integer> slots() {
    return List.copyOf(slots);
  }

  /**
   * {@code khugepaged_scan.mm_slot}.
   *
   * @return the mm the cursor is in, or -1 at the head of the list
   */
  public int cursorMm() {
    return cursor == null ? -1 : cursor;
  }

  /**
   * {@code khugepaged_scan.address}.
   *
   * @return the next address to scan in the cursor's mm
   */
  public long cursorAddress() {
    return cursorAddress;
  }

  /**
   * When the daemon next scans.
   *
   * @return milliseconds on the clock, {@link Long#MAX_VALUE} while it waits for work
   */
  public long nextWakeMillis() {
    return nextWake;
  }

  /**
   * {@code pages_collapsed}: ranges khugepaged collapsed (MADV_COLLAPSE does not count).
   *
   * @return the counter
   */
  public long pagesCollapsed() {
    return pagesCollapsed;
  }

  /**
   * {@code full_scans}: times the cursor passed the last slot.
   *
   * @return the counter
   */
  public long fullScans() {
    return fullScans;
  }

  /**
   * The text {@code cat khugepaged/knob} prints, the read-only counters included.
   *
   * @param knob a file name
   * @return its value and a newline
   */
  public String show(String knob) {
    return switch (knob) {
      case "pages_collapsed" -> pagesCollapsed + "\n";
      case "full_scans" -> fullScans + "\n";
      default -> settings.show(knob);
    };
  }

  private boolean hasWork() {
    return !slots.isEmpty() && Eligibility.hugepagePmdEnabled(enabled);
  }

  /**
   * Runs every pass due up to {@code nowMillis}, each at its own time.
   *
   * @param nowMillis the clock
   * @param target the machine
   * @return what the passes did
   */
  public WakeReport wake(long nowMillis, CollapseTarget target) {
    Pass log = new Pass(target);
    int passes = 0;
    while (nextWake <= nowMillis) {
      long t = nextWake;
      passes++;
      doScan(t, log);
      if (nextWake <= t) {
        throw new IllegalStateException("wake: next wake " + nextWake + " not after " + t);
      }
    }
    return new WakeReport(passes, log.events, log.vm);
  }

  /** The target and what one {@link #wake} call logs. */
  private static final class Pass {
    final CollapseTarget target;
    final List<KhugepagedEvent> events = new ArrayList<>();
    VmEvents vm = VmEvents.NONE;
    ScanResult result = ScanResult.SCAN_SUCCEED;

    Pass(CollapseTarget target) {
      this.target = target;
    }
  }

  /** {@code khugepaged_do_scan} at time {@code t}, then {@code khugepaged_wait_work}. */
  private void doScan(long t, Pass p) {
    long pages = settings.pagesToScan();
    boolean resumed = suspendedProgress >= 0;
    long progress = resumed ? suspendedProgress : 0;
    int headPasses = resumed ? suspendedHeadPasses : 0;
    boolean wait = !resumed;
    suspendedProgress = -1;
    while (true) {
      if (cursor == null) {
        headPasses++;
      }
      if (hasWork() && headPasses < 2) {
        progress += scanMmSlot(pages - progress, t, p);
      } else {
        progress = pages;
      }
      if (progress >= pages) {
        break;
      }
      if (p.result == ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL) {
        if (!wait) {
          break;
        }
        suspendedProgress = progress;
        suspendedHeadPasses = headPasses;
        nextWake = t + Math.max(1, settings.allocSleepMillisecs());
        p.events.add(new KhugepagedEvent.AllocSleep(t, nextWake));
        return;
      }
    }
    nextWake = hasWork() ? t + Math.max(1, settings.scanSleepMillisecs()) : Long.MAX_VALUE;
  }

  /** {@code khugepaged_scan_mm_slot}: scans the cursor's mm; returns the progress made. */
  private long scanMmSlot(long pages, long t, Pass p) {
    p.result = ScanResult.SCAN_FAIL;
    if (cursor == null) {
      cursor = slots.get(0);
      cursorAddress = 0;
    }
    int mm = cursor;
    long progress = 1;
    boolean walkDone = true;
    MmView view = exited.contains(mm) ? null : p.target.mm(mm);
    if (view == null && !exited.contains(mm)) {
      throw new IllegalStateException("scanMmSlot: no mm " + mm + "; exit(" + mm + ") not called");
    }
    if (view != null && view.thpDisable() != ThpDisable.COMPLETELY) {
      long[] prog = {progress};
      walkDone = walkVmas(mm, view, pages, prog, t, p);
      progress = prog[0];
    }
    if (exited.contains(mm) || walkDone) {
      advanceCursor(mm, t, p);
    }
    return progress;
  }

  /**
   * The VMA loop of {@code khugepaged_scan_mm_slot}; returns true when it ran past the last VMA,
   * false when it stopped for the budget or a collapse attempt.
   */
  private boolean walkVmas(int mm, MmView view, long pages, long[] progress, long t, Pass p) {
    for (VmaRange vma : view.vmas()) {
      if (vma.end() <= cursorAddress) {
        continue;
      }
      long hend = vma.hend();
      if (!Eligibility.allowable(vma, view.thpDisable(), enabled, TvaType.KHUGEPAGED)
          || cursorAddress > hend) {
        progress[0]++;
        continue;
      }
      cursorAddress = Math.max(cursorAddress, vma.hstart());
      while (cursorAddress < hend) {
        boolean lockDropped = scanPmd(mm, cursorAddress, t, p);
        cursorAddress += CollapseRules.HPAGE_PMD_SIZE;
        progress[0] += KhugepagedSettings.HPAGE_PMD_NR;
        if (lockDropped || progress[0] >= pages) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code hpage_collapse_scan_pmd} with the collapse it leads to; returns true when it tried a
   * collapse (and so dropped the mmap lock).
   */
  private boolean scanPmd(int mm, long address, long t, Pass p) {
    PmdSnapshot snap = p.target.snapshot(mm, address);
    ScanVerdict v = CollapseRules.scanPmd(address, snap, CollapseMode.KHUGEPAGED, settings);
    p.vm = p.vm.plus(v.events());
    p.result = v.result();
    if (v.plan().isEmpty()) {
      return false;
    }
    CollapseOutcome out = p.target.collapse(mm, address, v.plan().get());
    p.vm = p.vm.plus(out.vmEvents());
    p.result = out.result();
    if (out.result() == ScanResult.SCAN_SUCCEED) {
      pagesCollapsed++;
      p.events.add(new KhugepagedEvent.Collapsed(t, CollapseMode.KHUGEPAGED, mm, address));
    } else {
      p.events.add(
          new KhugepagedEvent.CollapseFailed(
              t, CollapseMode.KHUGEPAGED, mm, address, out.result()));
    }
    return true;
  }

  /** The end of {@code khugepaged_scan_mm_slot}: next slot, or the head and one more full scan. */
  private void advanceCursor(int mm, long t, Pass p) {
    int i = slots.indexOf(mm);
    if (i + 1 < slots.size()) {
      cursor = slots.get(i + 1);
      cursorAddress = 0;
    } else {
      cursor = null;
      fullScans++;
      p.events.add(new KhugepagedEvent.FullScan(t, fullScans));
    }
    collect(mm);
  }

  /** {@code collect_mm_slot}: frees the slot of an exited mm. */
  private void collect(int mm) {
    if (exited.remove(mm)) {
      slots.remove(Integer.valueOf(mm));
    }
  }

  /**
   * {@code madvise_collapse} on one VMA: collapses every aligned 2 MiB range of {@code [start,
   * end)} inside it, ignoring the {@code max_ptes_*} limits, the referenced rule and the sysfs
   * mode. Results that let it go on: SCAN_PMD_NULL, SCAN_PTE_NON_PRESENT, SCAN_PTE_UFFD_WP,
   * SCAN_LACK_REFERENCED_PAGE, SCAN_PAGE_NULL, SCAN_PAGE_COUNT, SCAN_PAGE_LOCK, SCAN_PAGE_COMPOUND,
   * SCAN_PAGE_LRU, SCAN_DEL_PAGE_LRU; any other failure ends it (in 6.18 that includes
   * SCAN_PMD_NONE, a range never touched).
   *
   * @param mmId the address space
   * @param vma the VMA the range lies in
   * @param disable the process's prctl state
   * @param start the start of the madvise range
   * @param end its end
   * @param nowMillis the clock
   * @param target the machine
   * @return 0 or the errno, with what was done
   */
  public MadviseCollapseResult madviseCollapse(
      int mmId,
      VmaRange vma,
      ThpDisable disable,
      long start,
      long end,
      long nowMillis,
      CollapseTarget target) {
    long size = CollapseRules.HPAGE_PMD_SIZE;
    long hstart = Math.floorDiv(Math.max(start, vma.start()) + size - 1, size) * size;
    long hend = Math.floorDiv(Math.min(end, vma.end()), size) * size;
    int ranges = (int) Math.max(0, (hend - hstart) / size);
    List<KhugepagedEvent> log = new ArrayList<>();
    if (!Eligibility.allowable(vma, disable, enabled, TvaType.FORCED_COLLAPSE)) {
      return new MadviseCollapseResult(
          "EINVAL", 0, ranges, ScanResult.SCAN_FAIL, log, VmEvents.NONE);
    }
    int thps = 0;
    ScanResult lastFail = ScanResult.SCAN_FAIL;
    VmEvents vm = VmEvents.NONE;
    for (long addr = hstart; addr < hend; addr += size) {
      ScanVerdict v =
          CollapseRules.scanPmd(
              addr, target.snapshot(mmId, addr), CollapseMode.MADV_COLLAPSE, settings);
      vm = vm.plus(v.events());
      ScanResult r = v.result();
      if (v.plan().isPresent()) {
        CollapseOutcome out = target.collapse(mmId, addr, v.plan().get());
        vm = vm.plus(out.vmEvents());
        r = out.result();
        log.add(
            r == ScanResult.SCAN_SUCCEED
                ? new KhugepagedEvent.Collapsed(nowMillis, CollapseMode.MADV_COLLAPSE, mmId, addr)
                : new KhugepagedEvent.CollapseFailed(
                    nowMillis, CollapseMode.MADV_COLLAPSE, mmId, addr, r));
      }
      if (r == ScanResult.SCAN_SUCCEED || r == ScanResult.SCAN_PMD_MAPPED) {
        thps++;
        continue;
      }
      lastFail = r;
      if (!MADVISE_CONTINUES.contains(r)) {
        break;
      }
    }
    String errno = thps == ranges ? "0" : MadviseCollapseResult.errnoOf(lastFail);
    return new MadviseCollapseResult(errno, thps, ranges, lastFail, log, vm);
  }

  /** The whitelist of {@code madvise_collapse} in 6.18 (SCAN_PAGE_RO is gone). */
  private static final Set<ScanResult> MADVISE_CONTINUES =
      Set.of(
          ScanResult.SCAN_PMD_NULL,
          ScanResult.SCAN_PTE_NON_PRESENT,
          ScanResult.SCAN_PTE_UFFD_WP,
          ScanResult.SCAN_LACK_REFERENCED_PAGE,
          ScanResult.SCAN_PAGE_NULL,
          ScanResult.SCAN_PAGE_COUNT,
          ScanResult.SCAN_PAGE_LOCK,
          ScanResult.SCAN_PAGE_COMPOUND,
          ScanResult.SCAN_PAGE_LRU,
          ScanResult.SCAN_DEL_PAGE_LRU);
}
