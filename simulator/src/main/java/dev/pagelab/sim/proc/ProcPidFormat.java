package dev.pagelab.sim.proc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /proc/<pid>/status}, {@code /proc/<pid>/stat} and {@code /proc/<pid>/maps} as a 6.18
 * x86-64 kernel prints them ({@code fs/proc/array.c proc_pid_status}, {@code do_task_stat}; {@code
 * fs/proc/task_mmu.c task_mem}, {@code show_map_vma}), and parsers for the first two.
 */
public final class ProcPidFormat {

  private ProcPidFormat() {}

  /** The text of {@code /proc/<pid>/status}. */
  public static String formatStatus(PidStatus status) {
    StringBuilder out = new StringBuilder(1600);
    formatHead(out, status.head());
    status.mem().ifPresent(mem -> formatMem(out, mem));
    formatTail(out, status.tail());
    return out.toString();
  }

  private static void formatHead(StringBuilder out, PidStatus.Head h) {
    line(out, "Name", escapeName(h.name()));
    if (h.umask() >= 0) {
      line(out, "Umask", String.format("%04o", h.umask()));
    }
    line(out, "State", h.state().statusText());
    line(out, "Tgid", h.tgid());
    line(out, "Ngid", h.ngid());
    line(out, "Pid", h.pid());
    line(out, "PPid", h.ppid());
    line(out, "TracerPid", h.tracerPid());
    line(out, "Uid", tabbed(h.uid()));
    line(out, "Gid", tabbed(h.gid()));
    line(out, "FDSize", h.fdSize());
    StringBuilder groups = new StringBuilder();
    for (int i = 0; i < h.groups().size(); i++) {
      groups.append(i == 0 ? "" : " ").append(Integer.toUnsignedString(h.groups().get(i)));
    }
    line(out, "Groups", groups.append(' ').toString());
    line(out, "NStgid", tabbed(h.nsTgid()));
    line(out, "NSpid", tabbed(h.nsPid()));
    line(out, "NSpgid", tabbed(h.nsPgid()));
    line(out, "NSsid", tabbed(h.nsSid()));
    line(out, "Kthread", h.kthread() ? 1 : 0);
  }

  private static void formatMem(StringBuilder out, PidStatus.Mem m) {
    long[] kb = {
      m.vmPeak(), m.vmSize(), m.vmLck(), m.vmPin(), m.vmHwm(), m.vmRss(), m.rssAnon(),
      m.rssFile(), m.rssShmem(), m.vmData(), m.vmStk(), m.vmExe(), m.vmLib(), m.vmPte(),
      m.vmSwap(), m.hugetlbPages()
    };
    for (int i = 0; i < kb.length; i++) {
      line(out, MEM_KEYS.get(i), MeminfoFormat.padLeft(Long.toUnsignedString(kb[i]), 8) + " kB");
    }
    line(out, "CoreDumping", m.coreDumping() ? 1 : 0);
    line(out, "THP_enabled", m.thpEnabled() ? 1 : 0);
    line(out, "untag_mask", m.untagMask() == 0 ? "0" : "0x" + Long.toHexString(m.untagMask()));
  }

  private static final List<String> MEM_KEYS =
      List.of(
          "VmPeak",
          "VmSize",
          "VmLck",
          "VmPin",
          "VmHWM",
          "VmRSS",
          "RssAnon",
          "RssFile",
          "RssShmem",
          "VmData",
          "VmStk",
          "VmExe",
          "VmLib",
          "VmPTE",
          "VmSwap",
          "HugetlbPages");

  private static final List<String> MASK_KEYS =
      List.of(
          "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd",
          "CapAmb");

  private static void formatTail(StringBuilder out, PidStatus.Tail t) {
    line(out, "Threads", t.threads());
    line(
        out,
        "SigQ",
        Long.toUnsignedString(t.sigQueued()) + "/" + Long.toUnsignedString(t.sigQueueLimit()));
    long[] masks = {
      t.sigPnd(), t.shdPnd(), t.sigBlk(), t.sigIgn(), t.sigCgt(),
      t.capInh(), t.capPrm(), t.capEff(), t.capBnd(), t.capAmb()
    };
    for (int i = 0; i < masks.length; i++) {
      line(out, MASK_KEYS.get(i), String.format("%016x", masks[i]));
    }
    line(out, "NoNewPrivs", t.noNewPrivs());
    line(out, "Seccomp", t.seccomp());
    line(out, "Seccomp_filters", t.seccompFilters());
    line(out, "Speculation_Store_Bypass", t.speculationStoreBypass());
    line(out, "SpeculationIndirectBranch", t.speculationIndirectBranch());
    line(out, "Cpus_allowed", Bitmaps.hex(t.cpusAllowed(), t.cpusAllowedBits()));
    line(out, "Cpus_allowed_list", Bitmaps.list(t.cpusAllowed()));
    line(out, "Mems_allowed", Bitmaps.hex(t.memsAllowed(), t.memsAllowedBits()));
    line(out, "Mems_allowed_list", Bitmaps.list(t.memsAllowed()));
    line(out, "voluntary_ctxt_switches", Long.toUnsignedString(t.voluntaryCtxtSwitches()));
    line(out, "nonvoluntary_ctxt_switches", Long.toUnsignedString(t.nonvoluntaryCtxtSwitches()));
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(key).append(":\t").append(value).append('\n');
  }

  private static String tabbed(List<Integer> values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : "\t").append(values.get(i));
    }
    return s.toString();
  }

  /** {@code proc_task_name(..., escape=true)}: only backslash and newline are escaped. */
  static String escapeName(String name) {
    return name.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** The text of {@code /proc/<pid>/stat}: 52 space-separated fields and a newline. */
  public static String formatStat(PidStat stat) {
    StringBuilder out = new StringBuilder(320);
    for (PidStat.Field f : PidStat.Field.values()) {
      if (f != PidStat.Field.PID) {
        out.append(' ');
      }
      switch (f) {
        case COMM -> out.append('(').append(stat.comm()).append(')');
        case STATE -> out.append(stat.state().letter());
        default -> {
          long v = stat.get(f);
          out.append(f.kind() == PidStat.Kind.SIGNED ? Long.toString(v) : Long.toUnsignedString(v));
        }
      }
    }
    return out.append('\n').toString();
  }

  /** The text of {@code /proc/<pid>/maps} for these areas, in the order given. */
  public static String formatMaps(List<MapsLine> lines) {
    StringBuilder out = new StringBuilder(lines.size() * 100);
    lines.forEach(l -> out.append(l.format()));
    return out.toString();
  }

  /**
   * Reads a {@code /proc/<pid>/stat} text (comm is everything between the first '(' and last ')').
   */
  public static PidStat parseStat(String text, String source) throws ProcFormatException {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    int open = body.indexOf(" (");
    int close = body.lastIndexOf(") ");
    if (open < 0 || close < open || body.contains("\n")) {
      throw new ProcFormatException(source, 1, "expected 'pid (comm) state ...' on one line");
    }
    String[] rest = body.substring(close + 2).split(" ", -1);
    PidStat.Field[] fields = PidStat.Field.values();
    if (rest.length != fields.length - 2) {
      throw new ProcFormatException(
          source, 1, "expected 52 fields, got " + (rest.length + 2) + " in '" + body + "'");
    }
    RunState state = rest[0].length() == 1 ? RunState.ofLetter(rest[0].charAt(0)) : null;
    if (state == null) {
      throw new ProcFormatException(source, 1, "expected a state letter, got '" + rest[0] + "'");
    }
    Map<PidStat.Field, Long> numbers = new EnumMap<>(PidStat.Field.class);
    numbers.put(PidStat.Field.PID, statNumber(body.substring(0, open), fields[0], source));
    for (int i = 1; i < rest.length; i++) {
      numbers.put(fields[i + 2], statNumber(rest[i], fields[i + 2], source));
    }
    return new PidStat(body.substring(open + 2, close), state, numbers);
  }

  private static long statNumber(String s, PidStat.Field f, String source)
      throws ProcFormatException {
    try {
      return f.kind() == PidStat.Kind.SIGNED ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new ProcFormatException(
          source,
          1,
          "field " + f.procName() + ": expected " + f.kind() + " number, got '" + s + "'");
    }
  }

  /** Reads a {@code /proc/<pid>/status} text; every line must be where the kernel prints it. */
  public static PidStatus parseStatus(String text, String source) throws ProcFormatException {
    StatusReader r = new StatusReader(text, source);
    PidStatus.Head head = StatusReader.head(r);
    Optional<PidStatus.Mem> mem =
        r.peekKey().equals("VmPeak") ? Optional.of(StatusReader.mem(r)) : Optional.empty();
    PidStatus.Tail tail = StatusReader.tail(r);
    r.expectEnd();
    return new PidStatus(head, mem, tail);
  }

  /** Splits a status text into key/value lines and hands them out in order. */
  private static final class StatusReader {
    private final List<String[]> lines = new ArrayList<>();
    private final String source;
    private int next;

    StatusReader(String text, String source) throws ProcFormatException {
      this.source = source;
      String[] raw = text.split("\n", -1);
      if (!raw[raw.length - 1].isEmpty()) {
        throw new ProcFormatException(source, raw.length, "expected a newline at the end");
      }
      for (int i = 0; i < raw.length - 1; i++) {
        int tab = raw[i].indexOf(":\t");
        if (tab < 0) {
          throw new ProcFormatException(
              source, i + 1, "expected 'Key:<TAB>value', got '" + raw[i] + "'");
        }
        lines.add(new String[] {raw[i].substring(0, tab), raw[i].substring(tab + 2)});
      }
    }

    String peekKey() {
      return next < lines.size() ? lines.get(next)[0] : "";
    }

    String take(String key) throws ProcFormatException {
      if (!peekKey().equals(key)) {
        String got = next < lines.size() ? "'" + peekKey() + ":'" : "the end of the file";
        throw new ProcFormatException(source, next + 1, "expected '" + key + ":', got " + got);
      }
      return lines.get(next++)[1];
    }

    long number(String key) throws ProcFormatException {
      String v = take(key);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw error(key, "a number", v);
      }
    }

    long kb(String key) throws ProcFormatException {
      String v = take(key);
      if (!v.endsWith(" kB") || v.length() < 11) {
        throw error(key, "'%8lu kB'", v);
      }
      try {
        return Long.parseUnsignedLong(v.substring(0, v.length() - 3).strip());
      } catch (NumberFormatException e) {
        throw error(key, "'%8lu kB'", v);
      }
    }

    long hex(String key, int digits) throws ProcFormatException {
      String v = take(key);
      if (v.length() != digits) {
        throw error(key, digits + " hex digits", v);
      }
      try {
        return Long.parseUnsignedLong(v, 16);
      } catch (NumberFormatException e) {
        throw error(key, digits + " hex digits", v);
      }
    }

    List<Integer> ints(String key, String separator) throws ProcFormatException {
      String v = take(key);
      List<Integer> values = new ArrayList<>();
      for (String part : v.strip().isEmpty() ? new String[0] : v.strip().split(separator)) {
        try {
          values.add(Integer.parseInt(part));
        } catch (NumberFormatException e) {
          throw error(key, "numbers", v);
        }
      }
      return values;
    }

    long[] bitmap(String key) throws ProcFormatException {
      String v = take(key);
      try {
        return Bitmaps.parseHex(v);
      } catch (NumberFormatException e) {
        throw error(key, "a %*pb bitmap", v);
      }
    }

    ProcFormatException error(String key, String expected, String got) {
      return new ProcFormatException(
          source, next, key + ": expected " + expected + ", got '" + got + "'");
    }

    void expectEnd() throws ProcFormatException {
      if (next != lines.size()) {
        throw new ProcFormatException(source, next + 1, "unexpected line '" + peekKey() + ":'");
      }
    }

    static PidStatus.Head head(StatusReader r) throws ProcFormatException {
      String name = unescapeName(r.take("Name"));
      int umask = -1;
      if (r.peekKey().equals("Umask")) {
        String u = r.take("Umask");
        try {
          umask = Integer.parseInt(u, 8);
        } catch (NumberFormatException e) {
          throw r.error("Umask", "an octal mask", u);
        }
      }
      String stateText = r.take("State");
      RunState state = stateText.isEmpty() ? null : RunState.ofLetter(stateText.charAt(0));
      if (state == null || !state.statusText().equals(stateText)) {
        throw r.error("State", "a task state such as 'S (sleeping)'", stateText);
      }
      return new PidStatus.Head(
          name,
          umask,
          state,
          (int) r.number("Tgid"),
          (int) r.number("Ngid"),
          (int) r.number("Pid"),
          (int) r.number("PPid"),
          (int) r.number("TracerPid"),
          r.ints("Uid", "\t"),
          r.ints("Gid", "\t"),
          (int) r.number("FDSize"),
          r.ints("Groups", " "),
          r.ints("NStgid", "\t"),
          r.ints("NSpid", "\t"),
          r.ints("NSpgid", "\t"),
          r.ints("NSsid", "\t"),
          r.number("Kthread") == 1);
    }

    static PidStatus.Mem mem(StatusReader r) throws ProcFormatException {
      long[] kb = new long[MEM_KEYS.size()];
      for (int i = 0; i < kb.length; i++) {
        kb[i] = r.kb(MEM_KEYS.get(i));
      }
      boolean core = r.number("CoreDumping") == 1;
      boolean thp = r.number("THP_enabled") == 1;
      String untag = r.take("untag_mask");
      long mask;
      try {
        mask = untag.equals("0") ? 0 : Long.parseUnsignedLong(untag.substring(2), 16);
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw r.error("untag_mask", "'0x<hex>'", untag);
      }
      return new PidStatus.Mem(
          kb[0], kb[1], kb[2], kb[3], kb[4], kb[5], kb[6], kb[7], kb[8], kb[9], kb[10], kb[11],
          kb[12], kb[13], kb[14], kb[15], core, thp, mask);
    }

    static PidStatus.Tail tail(StatusReader r) throws ProcFormatException {
      int threads = (int) r.number("Threads");
      String sigq = r.take("SigQ");
      String[] q = sigq.split("/", -1);
      long queued;
      long limit;
      try {
        queued = Long.parseUnsignedLong(q[0]);
        limit = Long.parseUnsignedLong(q[1]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw r.error("SigQ", "'queued/limit'", sigq);
      }
      long[] m = new long[MASK_KEYS.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = r.hex(MASK_KEYS.get(i), 16);
      }
      int noNewPrivs = (int) r.number("NoNewPrivs");
      int seccomp = (int) r.number("Seccomp");
      int filters = (int) r.number("Seccomp_filters");
      String ssb = r.take("Speculation_Store_Bypass");
      String ib = r.take("SpeculationIndirectBranch");
      long[] cpus = r.bitmap("Cpus_allowed");
      r.take("Cpus_allowed_list");
      long[] mems = r.bitmap("Mems_allowed");
      r.take("Mems_allowed_list");
      long vol = r.number("voluntary_ctxt_switches");
      long nonvol = r.number("nonvoluntary_ctxt_switches");
      return new PidStatus.Tail(
          threads,
          queued,
          limit,
          m[0],
          m[1],
          m[2],
          m[3],
          m[4],
          m[5],
          m[6],
          m[7],
          m[8],
          m[9],
          noNewPrivs,
          seccomp,
          filters,
          ssb,
          ib,
          cpus[0],
          (int) cpus[1],
          mems[0],
          (int) mems[1],
          vol,
          nonvol);
    }
  }

  /** Undoes {@link #escapeName}. */
  static String unescapeName(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char n = escaped.charAt(++i);
        out.append(n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
