package dev.pagelab.sim.tools;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sar -r}, {@code sar -r ALL} and {@code sar -B} of sysstat, byte for byte, from a sequence
 * of samples: the banner ({@code common.c print_gal_header}), a blank line and the column header
 * ({@code pr_stats.c print_hdr_line}), one line per interval and the {@code Average:} line ({@code
 * pr_stats.c print_ram_memory_stats} and {@code print_paging_stats}, as {@code LC_ALL=C} prints
 * them, colours off).
 *
 * <p>The values are those sadc reads ({@code rd_stats.c read_meminfo}, {@code read_vmstat_paging}):
 * {@code kbbuffers = Buffers}, {@code kbcached = Cached} (without SReclaimable), {@code %commit =
 * Committed_AS / (MemTotal + SwapTotal)}; rates are {@code (now - before) / itv * 100} with {@code
 * itv} the {@code /proc/uptime} difference in hundredths of a second; {@code pgscank} sums every
 * {@code pgscan_kswapd*} line, {@code pgscand} every {@code pgscan_direct*} line (including {@code
 * pgscan_direct_throttle}) and {@code pgsteal} every {@code pgsteal_*} line, so a page reclaimed by
 * kswapd counts twice (in {@code pgsteal_kswapd} and in {@code pgsteal_anon} or {@code
 * pgsteal_file}).
 */
public final class Sar {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yy");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** Width of the time column ({@code "%-11s"}). */
  private static final int TIME_WIDTH = 11;

  private Sar() {}

  /**
   * Renders a whole report, as {@code sar -r 1 N} (or {@code -B}) prints it for {@code N + 1}
   * samples: the banner, the column header stamped with the first sample's time, one line per later
   * sample and the {@code Average:} line.
   *
   * @param host the banner's fields
   * @param options the report, {@code -h} and the sysstat version
   * @param samples at least two samples in time order
   * @return the report, each line ending in {@code \n}
   * @throws IllegalArgumentException if there are fewer than two samples or a sample lacks a field
   *     the report needs
   */
  public static String render(SarHost host, SarOptions options, List<SarSample> samples) {
    if (samples.size() < 2) {
      throw new IllegalArgumentException(
          "Sar.render: " + samples.size() + " sample(s), expected at least 2");
    }
    StringBuilder out = new StringBuilder(banner(host));
    out.append(columnHeader(options, samples.get(0).wallClock()));
    for (int i = 1; i < samples.size(); i++) {
      out.append(line(options, samples.get(i - 1), samples.get(i)));
    }
    return out.append(average(options, samples)).toString();
  }

  /**
   * The banner, e.g. {@code Linux 6.18.44-fc-v657 (vm) \t11/25/26 \t_x86_64_\t(2 CPU)}: {@code "%s
   * %s (%s) \t%s \t_%s_\t(%d CPU)\n"} with the date as {@code %x} prints it in the C locale.
   *
   * @param host the machine
   * @return the line with its newline
   */
  public static String banner(SarHost host) {
    return host.sysname()
        + " "
        + host.release()
        + " ("
        + host.nodename()
        + ") \t"
        + DATE.format(host.date())
        + " \t_"
        + host.machine()
        + "_\t("
        + host.cpus()
        + " CPU)\n";
  }

  /**
   * The blank line and the column header, stamped with the time of the sample the first interval
   * starts from.
   *
   * @param options the report
   * @param first the wall-clock time of that sample
   * @return two lines: an empty one and the header
   */
  public static String columnHeader(SarOptions options, LocalTime first) {
    StringBuilder s = new StringBuilder("\n").append(time(first));
    for (String c : options.report().columns()) {
      s.append(' ').append(SarFormat.pad(c, SarFormat.WIDTH));
    }
    return s.append('\n').toString();
  }

  /**
   * One data line: the state at {@code curr} for {@code -r}, the rates between the two samples for
   * {@code -B}.
   *
   * @param options the report
   * @param prev the sample the interval starts from
   * @param curr the sample the interval ends at
   * @return the line with its newline
   * @throws IllegalArgumentException if a sample lacks a field the report needs
   */
  public static String line(SarOptions options, SarSample prev, SarSample curr) {
    Objects.requireNonNull(prev, "Sar.line: prev");
    String values =
        options.report() == SarReport.PAGING
            ? paging(options, prev, curr)
            : SarMemory.instant(options, memory(options, curr, "Sar.line"));
    return time(curr.wallClock()) + values + "\n";
  }

  /**
   * The {@code Average:} line over every interval of {@code samples} (the first sample only opens
   * the first interval): the mean of the memory values, or the rates over the whole period.
   *
   * @param options the report
   * @param samples at least two samples in time order
   * @return the line with its newline
   * @throws IllegalArgumentException if there are fewer than two samples or a sample lacks a field
   */
  public static String average(SarOptions options, List<SarSample> samples) {
    if (samples.size() < 2) {
      throw new IllegalArgumentException(
          "Sar.average: " + samples.size() + " sample(s), expected at least 2");
    }
    String label = SarFormat.padRight("Average:", TIME_WIDTH);
    if (options.report() == SarReport.PAGING) {
      return label + paging(options, samples.get(0), samples.get(samples.size() - 1)) + "\n";
    }
    List<long[]> rows =
        samples.subList(1, samples.size()).stream()
            .map(s -> memory(options, s, "Sar.average"))
            .toList();
    return label + SarMemory.average(options, rows) + "\n";
  }

  private static String time(LocalTime t) {
    return SarFormat.padRight(TIME.format(t), TIME_WIDTH);
  }

  /** The meminfo values in {@link SarReport#meminfoFields()} order. */
  private static long[] memory(SarOptions options, SarSample s, String method) {
    List<String> fields = options.report().meminfoFields();
    long[] v = new long[fields.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = need(s.meminfo(), fields.get(i), "meminfo", s, method);
    }
    return v;
  }

  /** {@code pr_stats.c print_paging_stats} between two samples. */
  private static String paging(SarOptions options, SarSample prev, SarSample curr) {
    long itv = curr.uptimeCentis() - prev.uptimeCentis();
    if (itv == 0) {
      itv = 1; // sa_common.c get_interval: "paranoia checking"
    }
    StringBuilder s = new StringBuilder();
    for (String name : SarReport.PAGING.vmstatFields()) {
      long d =
          need(curr.vmstat(), name, "vmstat", curr, "Sar.line")
              - need(prev.vmstat(), name, "vmstat", prev, "Sar.line");
      s.append(SarFormat.fixed(rate(d, itv), 2, false));
    }
    long scank = sum(curr, "pgscan_kswapd") - sum(prev, "pgscan_kswapd");
    long scand = sum(curr, "pgscan_direct") - sum(prev, "pgscan_direct");
    long steal = sum(curr, "pgsteal_") - sum(prev, "pgsteal_");
    s.append(SarFormat.fixed(rate(scank, itv), 2, false));
    s.append(SarFormat.fixed(rate(scand, itv), 2, false));
    s.append(SarFormat.fixed(rate(steal, itv), 2, false));
    long scanned = scank + scand;
    double vmeff =
        scanned != 0
            ? SarFormat.unsignedToDouble(steal) / SarFormat.unsignedToDouble(scanned) * 100
            : 0.0;
    return s.append(SarFormat.percent(vmeff, options.human())).toString();
  }

  /** {@code S_VALUE(m, n, p)}: {@code ((double) (n - m)) / p * 100}, unsigned difference. */
  private static double rate(long delta, long itv) {
    return SarFormat.unsignedToDouble(delta) / SarFormat.unsignedToDouble(itv) * 100;
  }

  /** Sum of every vmstat counter whose name starts with {@code prefix}, as sadc adds them. */
  private static long sum(SarSample s, String prefix) {
    long total = 0;
    for (Map.Entry<String, Long> e : s.vmstat().entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        total += e.getValue();
      }
    }
    return total;
  }

  private static long need(
      Map<String, Long> file, String name, String what, SarSample s, String method) {
    Long v = file.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          method
              + ": the sample of "
              + TIME.format(s.wallClock())
              + " has no "
              + what
              + " field "
              + name);
    }
    return v;
  }
}
