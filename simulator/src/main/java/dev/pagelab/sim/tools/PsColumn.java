package dev.pagelab.sim.tools;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A {@code ps -o} format specifier: its default header, width, alignment and how it prints a row.
 * The entries copy procps-ng 4.0.2 {@code src/ps/output.c format_array} and the {@code pr_*}
 * functions named in each comment.
 *
 * @param spec the specifier, e.g. {@code "maj_flt"}
 * @param header the default header, e.g. {@code "MAJFL"}
 * @param width the column width
 * @param align how the column is justified
 * @param pidMax whether the width grows to the digits of {@code kernel.pid_max} ({@code CF_PIDMAX})
 * @param printer the text of one row, given {@code MemTotal} in kB (for {@code %mem})
 */
public record PsColumn(
    String spec,
    String header,
    int width,
    Align align,
    boolean pidMax,
    BiFunction<PsRow, Long, String> printer) {

  /** Column justification ({@code CF_RIGHT}, {@code CF_LEFT}, {@code CF_UNLIMITED}). */
  public enum Align {
    /** Right-aligned, never truncated; a longer value pushes the next column right. */
    RIGHT,
    /** Left-aligned, never truncated. */
    LEFT,
    /** Left-aligned text, cut to the width unless it is the last column. */
    UNLIMITED
  }

  private static final Map<String, PsColumn> KNOWN = table();

  private static Map<String, PsColumn> table() {
    Map<String, PsColumn> t = new TreeMap<>();
    BiFunction<PsRow, Long, String> pmem = (r, total) -> pmem(r.rssKb(), total);
    BiFunction<PsRow, Long, String> maj = (r, t2) -> Long.toString(r.majFlt()); // pr_majflt
    BiFunction<PsRow, Long, String> min = (r, t2) -> Long.toString(r.minFlt()); // pr_minflt
    BiFunction<PsRow, Long, String> rss = (r, t2) -> Long.toString(r.rssKb()); // pr_rss
    BiFunction<PsRow, Long, String> vsz = (r, t2) -> Long.toString(r.vszKb()); // pr_vsz
    BiFunction<PsRow, Long, String> nice = (r, t2) -> Integer.toString(r.nice()); // pr_nice
    BiFunction<PsRow, Long, String> s = (r, t2) -> String.valueOf(r.state()); // pr_s
    add(t, "%mem", "%MEM", 4, Align.RIGHT, false, pmem);
    add(t, "pmem", "%MEM", 4, Align.RIGHT, false, pmem);
    for (String[] a :
        new String[][] {{"args", "COMMAND"}, {"cmd", "CMD"}, {"command", "COMMAND"}}) {
      add(t, a[0], a[1], 27, Align.UNLIMITED, false, (r, t2) -> args(r)); // pr_args
    }
    for (String[] c : new String[][] {{"comm", "COMMAND"}, {"ucomm", "COMMAND"}, {"ucmd", "CMD"}}) {
      add(t, c[0], c[1], 15, Align.UNLIMITED, false, (r, t2) -> comm(r)); // pr_comm
    }
    add(t, "etime", "ELAPSED", 11, Align.RIGHT, false, (r, t2) -> etime(r.elapsedSeconds()));
    add(t, "etimes", "ELAPSED", 7, Align.RIGHT, false, (r, t2) -> "" + r.elapsedSeconds());
    add(t, "maj_flt", "MAJFL", 6, Align.RIGHT, false, maj);
    add(t, "majflt", "MAJFLT", 6, Align.RIGHT, false, maj);
    add(t, "min_flt", "MINFL", 6, Align.RIGHT, false, min);
    add(t, "minflt", "MINFLT", 6, Align.RIGHT, false, min);
    add(t, "ni", "NI", 3, Align.RIGHT, false, nice);
    add(t, "nice", "NI", 3, Align.RIGHT, false, nice);
    add(t, "nlwp", "NLWP", 4, Align.RIGHT, false, (r, t2) -> Integer.toString(r.nlwp()));
    add(t, "pid", "PID", 5, Align.RIGHT, true, (r, t2) -> Integer.toString(r.pid()));
    add(t, "tgid", "TGID", 5, Align.RIGHT, true, (r, t2) -> Integer.toString(r.pid()));
    add(t, "ppid", "PPID", 5, Align.RIGHT, true, (r, t2) -> Integer.toString(r.ppid()));
    add(t, "rss", "RSS", 5, Align.RIGHT, false, rss);
    add(t, "rssize", "RSS", 5, Align.RIGHT, false, rss);
    add(t, "rsz", "RSZ", 5, Align.RIGHT, false, rss);
    add(t, "s", "S", 1, Align.LEFT, false, s);
    add(t, "state", "S", 1, Align.LEFT, false, s);
    add(t, "stat", "STAT", 4, Align.LEFT, false, (r, t2) -> stat(r));
    add(t, "vsz", "VSZ", 6, Align.RIGHT, false, vsz);
    add(t, "vsize", "VSZ", 6, Align.RIGHT, false, vsz);
    return Collections.unmodifiableMap(t);
  }

  private static void add(
      Map<String, PsColumn> t,
      String spec,
      String head,
      int width,
      Align align,
      boolean pidMax,
      BiFunction<PsRow, Long, String> printer) {
    t.put(spec, new PsColumn(spec, head, width, align, pidMax, printer));
  }

  /**
   * Looks a specifier up.
   *
   * @param spec e.g. {@code "vsz"}
   * @return the column, or null if this simulator does not know it
   */
  public static PsColumn find(String spec) {
    return KNOWN.get(spec);
  }

  /**
   * Lists the supported specifiers.
   *
   * @return the names in alphabetical order
   */
  public static List<String> known() {
    return List.copyOf(KNOWN.keySet());
  }

  /** pr_pmem: per-mille of MemTotal, capped at 99.9, as {@code "%2u.%u"}. */
  private static String pmem(long rssKb, long memTotalKb) {
    if (memTotalKb <= 0) {
      throw new IllegalArgumentException("PsColumn.pmem: MemTotal " + memTotalKb + " kB");
    }
    long pm = Math.min(rssKb * 1000 / memTotalKb, 999);
    return String.format("%2d.%d", pm / 10, pm % 10);
  }

  /** pr_etime: {@code [[dd-]hh:]mm:ss}. */
  private static String etime(long t) {
    long ss = t % 60;
    long mm = t / 60 % 60;
    long hh = t / 3600 % 24;
    long dd = t / 86400;
    String days = dd > 0 ? dd + "-" : "";
    String hours = (dd > 0 || hh > 0) ? String.format("%02d:", hh) : "";
    return days + hours + String.format("%02d:%02d", mm, ss);
  }

  /** pr_stat: state, then &lt; N L s l + as in output.c. */
  private static String stat(PsRow r) {
    StringBuilder b = new StringBuilder().append(r.state());
    if (r.nice() < 0) {
      b.append('<');
    }
    if (r.nice() > 0) {
      b.append('N');
    }
    if (r.lockedKb() > 0) {
      b.append('L');
    }
    if (r.sid() == r.pid()) {
      b.append('s');
    }
    if (r.nlwp() > 1) {
      b.append('l');
    }
    if (r.pgrp() == r.tpgid()) {
      b.append('+');
    }
    return b.toString();
  }

  /** pr_comm: the name, with " &lt;defunct&gt;" for a zombie. */
  private static String comm(PsRow r) {
    return r.comm() + (r.state() == 'Z' ? " <defunct>" : "");
  }

  /** pr_args: the command line, or "[comm]" (library/readproc.c escape_command ESC_BRACKETS). */
  private static String args(PsRow r) {
    if (!r.args().isEmpty()) {
      return r.args();
    }
    return "[" + r.comm() + "]" + (r.state() == 'Z' ? " <defunct>" : "");
  }
}
