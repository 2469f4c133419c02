package dev.pagelab.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses the views: {@code free}, {@code ps}, {@code cat}, {@code dmesg}, {@code walk}, ... */
final class Views {
  /** The {@code ps -o} fields a scenario may use (procps-ng src/ps/output.c format_array). */
  static final List<String> PS_FIELDS =
      List.of(
          "pid", "ppid", "comm", "ucomm", "ucmd", "fname", "cmd", "args", "command", "vsz", "vsize",
          "rss", "rssize", "rsz", "sz", "size", "drs", "trs", "maj_flt", "majflt", "min_flt",
          "minflt", "pmem", "%mem", "pcpu", "%cpu", "stat", "s", "state", "tty", "tname", "tt",
          "time", "cputime", "etime", "etimes", "user", "uid", "nlwp", "oom", "oomadj", "psr");

  private static final String PS_HINT =
      "ps [ALIAS...] [-p ALIAS,...] [-o FIELD,...] [--no-headers]; memory fields: pid, comm,"
          + " vsz, rss, maj_flt, min_flt, %mem, sz, stat";
  private static final String FREE_HINT = "free takes -b, -k, -m, -g, --tera, -h, -w, -t, --si";
  private static final String SAR_HINT = "sar samples over time: every 1s: sar -r (or -r ALL, -B)";

  private final ParseState state;

  Views(ParseState state) {
    this.state = state;
  }

  /** Parses the rest of the line as the view named by {@code word}. */
  View parse(Line line, Token word, boolean inEvery) throws ScenarioException {
    switch (word.text()) {
      case "free":
        return free(line);
      case "ps":
        return ps(line);
      case "cat":
        return cat(line);
      case "dmesg":
        line.end("dmesg takes no options here");
        return new View.Dmesg();
      case "walk":
        return walk(line);
      case "echo":
        return echo(line);
      default:
        return sar(line, word, inEvery);
    }
  }

  private static View free(Line line) throws ScenarioException {
    Options o = new Options(line, "free", List.of(), FREE_HINT);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (t.text().startsWith("--")) {
        freeFlag(line, o, t, t.text());
      } else if (t.text().startsWith("-") && t.text().length() > 1) {
        for (int i = 1; i < t.text().length(); i++) {
          Token part = new Token("-" + t.text().charAt(i), t.column() + (i == 1 ? 0 : i), false);
          freeFlag(line, o, part, part.text());
        }
      } else {
        throw line.error(t, "unexpected \"" + t.text() + "\"", FREE_HINT);
      }
    }
    Token unit = o.claimed("unit");
    View.FreeUnit u = unit == null ? View.FreeUnit.KIBI : freeUnit(unit.text());
    return new View.Free(
        u, o.claimed("-w") != null, o.claimed("-t") != null, o.claimed("--si") != null);
  }

  private static void freeFlag(Line line, Options o, Token t, String flag)
      throws ScenarioException {
    switch (flag) {
      case "-b",
          "--bytes",
          "-k",
          "--kibi",
          "-m",
          "--mebi",
          "-g",
          "--gibi",
          "--tera",
          "--tebi",
          "-h",
          "--human" ->
          o.claim("unit", t);
      case "-w", "--wide" -> o.claim("-w", t);
      case "-t", "--total" -> o.claim("-t", t);
      case "--si" -> o.claim("--si", t);
      default -> throw line.error(t, "unknown free option \"" + flag + "\"", FREE_HINT);
    }
  }

  private static View.FreeUnit freeUnit(String flag) {
    return switch (flag) {
      case "-b", "--bytes" -> View.FreeUnit.BYTES;
      case "-m", "--mebi" -> View.FreeUnit.MEBI;
      case "-g", "--gibi" -> View.FreeUnit.GIBI;
      case "--tera", "--tebi" -> View.FreeUnit.TEBI;
      case "-h", "--human" -> View.FreeUnit.HUMAN;
      default -> View.FreeUnit.KIBI;
    };
  }

  private View ps(Line line) throws ScenarioException {
    List<String> procs = new ArrayList<>();
    List<View.PsColumn> columns = new ArrayList<>();
    boolean headers = true;
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (t.text().equals("-o")) {
        columns.addAll(psColumns(line, line.next("a field list after -o", PS_HINT)));
      } else if (t.text().equals("-p")) {
        psProcesses(line, line.next("aliases after -p", PS_HINT), procs);
      } else if (t.text().equals("--no-headers") || t.text().equals("--no-heading")) {
        headers = false;
      } else if (t.text().startsWith("-")) {
        throw line.error(t, "unknown ps option \"" + t.text() + "\"", PS_HINT);
      } else {
        psProcesses(line, t, procs);
      }
    }
    boolean allEmpty =
        !columns.isEmpty()
            && columns.stream().allMatch(c -> c.header().isPresent() && c.header().get().isEmpty());
    return new View.Ps(procs, columns, headers && !allEmpty);
  }

  /** {@code vsz,rss=RES}: a header after {@code =} takes the rest of the list, as in procps. */
  private static List<View.PsColumn> psColumns(Line line, Token list) throws ScenarioException {
    List<View.PsColumn> columns = new ArrayList<>();
    String text = list.text();
    int start = 0;
    while (start <= text.length()) {
      int comma = text.indexOf(',', start);
      int eq = text.indexOf('=', start);
      boolean renamed = eq >= 0 && (comma < 0 || eq < comma);
      int end = renamed ? eq : comma < 0 ? text.length() : comma;
      String field = text.substring(start, end);
      Token at = new Token(field, list.column() + start, false);
      if (!PS_FIELDS.contains(field)) {
        throw line.error(at, "unknown ps field \"" + field + "\"", PS_HINT);
      }
      if (renamed) {
        columns.add(new View.PsColumn(field, Optional.of(text.substring(eq + 1))));
        break;
      }
      columns.add(new View.PsColumn(field, Optional.empty()));
      start = end + 1;
    }
    return columns;
  }

  private void psProcesses(Line line, Token list, List<String> procs) throws ScenarioException {
    int offset = 0;
    for (String alias : list.text().split(",", -1)) {
      Token at = new Token(alias, list.column() + offset, false);
      offset += alias.length() + 1;
      state.process(line, at);
      if (procs.contains(alias)) {
        throw line.error(at, "process \"" + alias + "\" is listed twice", PS_HINT);
      }
      procs.add(alias);
    }
  }

  private View cat(Line line) throws ScenarioException {
    String hint =
        "cat /proc/FILE ("
            + String.join(", ", View.ProcFile.NAMES)
            + ") or /proc/ALIAS/FILE ("
            + String.join(", ", View.PidFile.NAMES)
            + ") or /sys/fs/cgroup/NAME/FILE ("
            + String.join(", ", View.CgroupFile.NAMES)
            + ")";
    Token path = line.next("a /proc path after cat", hint);
    line.end("cat takes one file");
    if (path.text().startsWith(CGROUP_ROOT)) {
      return cgroupFile(line, path, hint);
    }
    String[] parts = path.text().split("/", -1);
    if (parts.length == 3 && parts[0].isEmpty() && parts[1].equals("proc")) {
      if (View.ProcFile.NAMES.contains(parts[2])) {
        return new View.ProcFile(parts[2]);
      }
    } else if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("proc")) {
      Token alias = new Token(parts[2], path.column() + 6, false);
      if (parts[2].matches("[0-9]+|self")) {
        throw line.error(alias, "use the alias, not \"" + parts[2] + "\"", "e.g. cat /proc/p/maps");
      }
      state.process(line, alias);
      if (View.PidFile.NAMES.contains(parts[3])) {
        return new View.PidFile(parts[2], parts[3]);
      }
    }
    throw line.error(path, "unknown file \"" + path.text() + "\"", hint);
  }

  private static final String CGROUP_ROOT = "/sys/fs/cgroup/";

  /** {@code /sys/fs/cgroup/NAME/FILE}: the group must have been made by a {@code cgroup} line. */
  private View cgroupFile(Line line, Token path, String hint) throws ScenarioException {
    String rest = path.text().substring(CGROUP_ROOT.length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || !View.CgroupFile.NAMES.contains(rest.substring(slash + 1))) {
      throw line.error(path, "unknown file \"" + path.text() + "\"", hint);
    }
    Token group = path.valueAfter(CGROUP_ROOT.length());
    group = new Token(rest.substring(0, slash), group.column(), false);
    state.cgroup(line, group);
    return new View.CgroupFile(group.text(), rest.substring(slash + 1));
  }

  private View walk(Line line) throws ScenarioException {
    String hint = "walk ALIAS ADDR, e.g. walk p 0x401000 or walk p buf+8KiB";
    Token alias = line.next("an alias after walk", hint);
    ParseState.Proc p = state.process(line, alias);
    Token where = line.next("an address after the alias", hint);
    Location location = location(line, p, where);
    line.end(hint);
    return new View.Walk(p.alias, location);
  }

  /** {@code 0x...}, a decimal address, {@code REGION} or {@code REGION+SIZE}. */
  Location location(Line line, ParseState.Proc p, Token t) throws ScenarioException {
    if (!t.text().isEmpty() && Character.isDigit(t.text().charAt(0))) {
      return new Location(new Target.Address(Values.address(line, t)), 0);
    }
    int plus = t.text().indexOf('+');
    Token name = plus < 0 ? t : new Token(t.text().substring(0, plus), t.column(), false);
    ParseState.Region r = state.region(line, p, name);
    long offset = plus < 0 ? 0 : Values.size(line, t.valueAfter(plus + 1));
    long size = p.sizeOf(r);
    if (size == 0) {
      throw line.error(
          name, "the heap of " + p.alias + " is empty", "grow it first: " + p.alias + " brk +SIZE");
    }
    if (size > 0 && offset >= size) {
      throw line.error(
          t,
          t.text() + " is past the end of " + r.name() + " (" + Quantities.formatSize(size) + ")",
          "offsets count from the start of the region");
    }
    return new Location(new Target.Region(r.name()), offset);
  }

  private static View echo(Line line) {
    StringBuilder text = new StringBuilder();
    for (Token t : line.rest()) {
      text.append(text.length() == 0 ? "" : " ").append(t.text());
    }
    return new View.Echo(text.toString());
  }

  private static View sar(Line line, Token word, boolean inEvery) throws ScenarioException {
    if (!inEvery) {
      throw line.error(word, "sar needs an interval", SAR_HINT);
    }
    Options o = new Options(line, "sar", List.of(), SAR_HINT);
    while (line.hasNext()) {
      Token t = line.next("", null);
      switch (t.text()) {
        case "-h" -> o.claim("-h", t);
        case "-r", "-B" -> o.claim("report", t);
        case "ALL" -> {
          Token r = o.claimed("report");
          if (r == null || !r.text().equals("-r")) {
            throw line.error(t, "ALL belongs to -r", "sar -r ALL");
          }
          o.claim("ALL", t);
        }
        default ->
            throw line.error(
                t,
                "unexpected \"" + t.text() + "\"",
                t.text().matches("[0-9]+")
                    ? "inside every, its period is sar's interval"
                    : SAR_HINT);
      }
    }
    Token report = o.claimed("report");
    if (report == null) {
      throw new ScenarioException(line.endPos(), "expected -r or -B", SAR_HINT);
    }
    View.SarReport r =
        report.text().equals("-B")
            ? View.SarReport.PAGING
            : o.claimed("ALL") != null ? View.SarReport.MEMORY_ALL : View.SarReport.MEMORY;
    return new View.Sar(r, o.claimed("-h") != null);
  }
}
