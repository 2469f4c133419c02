package dev.pagelab.sim.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code free}: renders meminfo exactly as procps-ng prints it.
 *
 * <p>procps-ng 4.0.2 ({@code src/free.c main}): a fixed header, then each line's label padded to 9
 * columns by {@code print_head_col}, the first value as {@code %11s} and the others as {@code "
 * %11s"}. procps-ng 3.3.17 ({@code free.c main}): a header one space shorter, the label as {@code
 * %-7s} and every value as {@code " %11s"}. Values come from {@link FreeFigures} and are formatted
 * by {@code scale_size} ({@link FreeScale}).
 */
public final class Free {
  private static final String HEAD_402 =
      "               total        used        free      shared  buff/cache   available";
  private static final String HEAD_402_WIDE =
      "               total        used        free      shared     buffers       cache   available";

  private Free() {}

  /**
   * Renders the output of one {@code free} run (no repetition).
   *
   * @param meminfo the parsed {@code /proc/meminfo}
   * @param options the flags
   * @return the exact text, every line ending in {@code \n}
   * @throws InputException if meminfo lacks a field free needs
   */
  public static String render(MeminfoFile meminfo, FreeOptions options) throws InputException {
    FreeFigures f = FreeFigures.of(meminfo, options);
    boolean v4 = options.version() == ProcpsVersion.V4_0_2;
    StringBuilder out = new StringBuilder();
    String head = options.wide() ? HEAD_402_WIDE : HEAD_402;
    out.append(v4 ? head : head.substring(1)).append('\n');
    List<Long> mem = new ArrayList<>(List.of(f.total(), f.used(), f.free(), f.shared()));
    if (options.wide()) {
      mem.addAll(List.of(f.buffers(), f.cache()));
    } else {
      mem.add(f.buffers() + f.cache());
    }
    mem.add(f.available());
    line(out, "Mem:", mem, options);
    if (options.lohi()) {
      line(out, "Low:", List.of(f.lowTotal(), f.lowUsed(), f.lowFree()), options);
      line(out, "High:", List.of(f.highTotal(), f.highUsed(), f.highFree()), options);
    }
    line(out, "Swap:", List.of(f.swapTotal(), f.swapUsed(), f.swapFree()), options);
    if (options.total()) {
      List<Long> sums =
          List.of(f.total() + f.swapTotal(), f.used() + f.swapUsed(), f.free() + f.swapFree());
      line(out, "Total:", sums, options);
    }
    if (options.committed()) {
      List<Long> comm =
          List.of(f.commitLimit(), f.committedAs(), f.commitLimit() - f.committedAs());
      line(out, "Comm:", comm, options);
    }
    return out.toString();
  }

  /** One labelled line in the layout of the chosen version. */
  private static void line(StringBuilder out, String label, List<Long> kb, FreeOptions o) {
    if (o.version() == ProcpsVersion.V4_0_2) {
      out.append(label.length() < 9 ? String.format("%-9s", label) : label);
      for (int i = 0; i < kb.size(); i++) {
        out.append(String.format(i == 0 ? "%11s" : " %11s", FreeScale.format(kb.get(i), o)));
      }
    } else {
      out.append(String.format("%-7s", label));
      for (long v : kb) {
        out.append(String.format(" %11s", FreeScale.format(v, o)));
      }
    }
    out.append('\n');
  }
}
