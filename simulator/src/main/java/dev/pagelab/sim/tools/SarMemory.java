package dev.pagelab.sim.tools;

import java.util.List;

/**
 * The values of one {@code sar -r} line, from sysstat's {@code pr_stats.c print_ram_memory_stats}.
 * Its input is the meminfo values in {@link SarReport#meminfoFields()} order.
 */
final class SarMemory {
  private static final int TOTAL = 0;
  private static final int FREE = 1;
  private static final int AVAIL = 2;
  private static final int BUFFERS = 3;
  private static final int CACHED = 4;
  private static final int SLAB = 5;
  private static final int COMMIT = 6;
  private static final int SWAP_TOTAL = 7;
  private static final int ACTIVE = 8;
  private static final int INACTIVE = 9;
  private static final int DIRTY = 10;
  private static final int ANON = 11;
  private static final int KSTACK = 12;
  private static final int PGTBL = 13;
  private static final int VMUSED = 14;

  private SarMemory() {}

  /** The instantaneous values of one sample. */
  static String instant(SarOptions o, long[] v) {
    boolean h = o.human();
    long total = v[TOTAL];
    long used;
    if (o.version() == SysstatVersion.V12_6) {
      long notUsed = Math.min(total, v[FREE] + v[BUFFERS] + v[CACHED] + v[SLAB]);
      used = total - notUsed;
    } else {
      used = Math.max(0, total - v[AVAIL]); // MemAvailable above MemTotal: nothing is used
    }
    StringBuilder s = new StringBuilder();
    s.append(SarFormat.u64(v[FREE], h)).append(SarFormat.u64(v[AVAIL], h));
    s.append(SarFormat.u64(used, h));
    s.append(SarFormat.percent(total != 0 ? spValue(total - used, total, total) : 0.0, h));
    s.append(SarFormat.u64(v[BUFFERS], h)).append(SarFormat.u64(v[CACHED], h));
    s.append(SarFormat.u64(v[COMMIT], h));
    long all = total + v[SWAP_TOTAL];
    s.append(SarFormat.percent(all != 0 ? spValue(0, v[COMMIT], all) : 0.0, h));
    s.append(SarFormat.u64(v[ACTIVE], h)).append(SarFormat.u64(v[INACTIVE], h));
    s.append(SarFormat.u64(v[DIRTY], h));
    if (o.report() == SarReport.MEMORY_ALL) {
      for (int i : new int[] {ANON, SLAB, KSTACK, PGTBL, VMUSED}) {
        s.append(SarFormat.u64(v[i], h));
      }
    }
    return s.toString();
  }

  /**
   * The {@code Average:} values: sums over the samples divided by their count in {@code double},
   * printed with no decimals; {@code kbmemused} and the percentages use the last sample's MemTotal
   * and SwapTotal and, like sysstat, an integer division for {@code %memused} and {@code %commit}.
   */
  static String average(SarOptions o, List<long[]> rows) {
    boolean h = o.human();
    long n = rows.size();
    long[] last = rows.get(rows.size() - 1);
    long total = last[TOTAL];
    long[] sum = new long[last.length];
    for (long[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sum[i] += r[i];
      }
    }
    double used;
    double usedPercent;
    if (o.version() == SysstatVersion.V12_6) {
      long notUsed = sum[FREE] + sum[BUFFERS] + sum[CACHED] + sum[SLAB];
      used = (double) total - ((double) notUsed / n);
      usedPercent = total != 0 ? ((double) total - (double) (notUsed / n)) / total * 100 : 0.0;
    } else {
      used = (double) total - ((double) sum[AVAIL] / n);
      usedPercent = total != 0 ? ((double) total - (double) sum[AVAIL] / n) / total * 100 : 0.0;
    }
    StringBuilder s = new StringBuilder();
    s.append(mean(sum[FREE], n, h)).append(mean(sum[AVAIL], n, h));
    s.append(SarFormat.fixed(used, 0, h));
    s.append(SarFormat.percent(usedPercent, h));
    s.append(mean(sum[BUFFERS], n, h)).append(mean(sum[CACHED], n, h));
    s.append(mean(sum[COMMIT], n, h));
    long all = total + last[SWAP_TOTAL];
    s.append(SarFormat.percent(all != 0 ? (double) (sum[COMMIT] / n) / all * 100 : 0.0, h));
    s.append(mean(sum[ACTIVE], n, h)).append(mean(sum[INACTIVE], n, h));
    s.append(mean(sum[DIRTY], n, h));
    if (o.report() == SarReport.MEMORY_ALL) {
      for (int i : new int[] {ANON, SLAB, KSTACK, PGTBL, VMUSED}) {
        s.append(mean(sum[i], n, h));
      }
    }
    return s.toString();
  }

  private static String mean(long sum, long n, boolean human) {
    return SarFormat.fixed((double) sum / n, 0, human);
  }

  /** {@code SP_VALUE(m, n, p)}: {@code ((double) (n - m)) / p * 100}. */
  private static double spValue(long m, long n, long p) {
    return ((double) (n - m)) / p * 100;
  }
}
