package dev.pagelab.sim.scenario;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parser knows while it reads: the machine, the processes with their regions, the files,
 * the running samplers, and (from a first pass) where names are defined later in the text.
 */
final class ParseState {
  /** Words that cannot be aliases or region names: every command, and a few more. */
  static final Set<String> RESERVED = reserved();

  private static Set<String> reserved() {
    Set<String> words = new HashSet<>(ScenarioParser.COMMANDS);
    words.addAll(ProcessCommands.COMMANDS);
    words.addAll(List.of("as", "meminfo", "vmstat", "heap", "stack"));
    return Set.copyOf(words);
  }

  /** A cgroup name: directories below {@code /sys/fs/cgroup}, separated by {@code /}. */
  static final String CGROUP_NAME = "[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*";

  /** The cgroups made so far by {@code cgroup} lines. */
  final Set<String> cgroups = new LinkedHashSet<>();

  /**
   * Checks that a {@code cgroup} line made the group {@code t} names.
   *
   * @throws ScenarioException naming the group and the groups there are
   */
  void cgroup(Line line, Token t) throws ScenarioException {
    if (!cgroups.contains(t.text())) {
      throw line.error(
          t,
          "no cgroup \"" + t.text() + "\"",
          cgroups.isEmpty()
              ? "make it first: cgroup " + t.text() + " memory.max=SIZE"
              : "cgroups: " + String.join(", ", cgroups));
    }
  }

  /** The regions every process has from the start. */
  static final List<String> PREDEFINED_REGIONS = List.of("heap", "stack");

  /** A named region: its size in bytes (-1 if only the runner knows it) and where it was made. */
  record Region(String name, long size, int line) {}

  /** A process as far as the text tells. */
  static final class Proc {
    final String alias;
    final int line;
    int exitedLine;
    long heapBytes;
    final Map<String, Region> regions = new LinkedHashMap<>();
    final Map<String, Integer> unmapped = new HashMap<>();

    Proc(String alias, int line) {
      this.alias = alias;
      this.line = line;
      regions.put("stack", new Region("stack", -1, 0));
      regions.put("heap", new Region("heap", -1, 0));
    }

    /** A child made by fork: same regions, same heap. */
    Proc forkAs(String childAlias, int childLine) {
      Proc c = new Proc(childAlias, childLine);
      c.regions.putAll(regions);
      c.heapBytes = heapBytes;
      return c;
    }

    /** The size of a region now (the heap's is its current length). */
    long sizeOf(Region r) {
      return r.name().equals("heap") ? heapBytes : r.size();
    }
  }

  MachineStmt machine;
  int statements;
  int samplers;
  final Map<String, Proc> procs = new LinkedHashMap<>();
  final Map<String, Integer> files = new HashMap<>();
  final Map<String, Integer> aliasDefinedAt = new HashMap<>();
  final Map<String, Integer> regionDefinedAt = new HashMap<>();

  ParseState(MachineStmt defaults) {
    this.machine = defaults;
  }

  /** First pass: remember where each alias and region name is defined, to explain early uses. */
  void prescan(List<Line> lines) {
    for (Line line : lines) {
      List<Token> t = line.tokens();
      int n = t.size();
      if (n >= 4 && t.get(0).text().equals("spawn") && t.get(2).text().equals("as")) {
        aliasDefinedAt.putIfAbsent(t.get(3).text(), line.number());
      }
      if (n == 4 && t.get(1).text().equals("fork") && t.get(2).text().equals("as")) {
        aliasDefinedAt.putIfAbsent(t.get(3).text(), line.number());
      }
      if (n >= 4 && t.get(1).text().equals("mmap") && t.get(n - 2).text().equals("as")) {
        regionDefinedAt.putIfAbsent(t.get(0).text() + " " + t.get(n - 1).text(), line.number());
      }
    }
  }

  /** A known process (live or exited), or an error that says what is known. */
  Proc process(Line line, Token t) throws ScenarioException {
    Proc p = procs.get(t.text());
    if (p != null) {
      return p;
    }
    Integer later = aliasDefinedAt.get(t.text());
    if (later != null && later > line.number()) {
      throw line.error(
          t,
          "process \"" + t.text() + "\" is used before it is defined",
          "it is defined at line " + later + "; statements run from top to bottom");
    }
    throw line.error(
        t,
        "unknown process \"" + t.text() + "\"",
        procs.isEmpty()
            ? "no process is defined yet; start one with: spawn NAME as ALIAS"
            : "processes defined so far: " + String.join(", ", procs.keySet()));
  }

  /** A process that has not exited. */
  Proc liveProcess(Line line, Token t) throws ScenarioException {
    Proc p = process(line, t);
    if (p.exitedLine > 0) {
      throw line.error(
          t,
          "process \"" + p.alias + "\" has exited (line " + p.exitedLine + ")",
          "an exited process can do nothing more; spawn or fork another one");
    }
    return p;
  }

  /** A region of {@code p} that is mapped now, or an error that says why not. */
  Region region(Line line, Proc p, Token t) throws ScenarioException {
    Region r = p.regions.get(t.text());
    if (r != null) {
      return r;
    }
    Integer gone = p.unmapped.get(t.text());
    if (gone != null) {
      throw line.error(
          t,
          "region \"" + t.text() + "\" of " + p.alias + " was unmapped at line " + gone,
          "map it again with: " + p.alias + " mmap SIZE as " + t.text());
    }
    Integer later = regionDefinedAt.get(p.alias + " " + t.text());
    if (later != null && later > line.number()) {
      throw line.error(
          t,
          "region \"" + t.text() + "\" is used before it is defined",
          "\"as " + t.text() + "\" defines it at line " + later + "; statements run in order");
    }
    throw line.error(
        t,
        "process " + p.alias + " has no region \"" + t.text() + "\"",
        "regions of "
            + p.alias
            + ": "
            + String.join(", ", p.regions.keySet())
            + "; name one with: "
            + p.alias
            + " mmap SIZE as NAME");
  }

  /** Checks a new alias or region name: an identifier, not reserved. */
  static void checkName(Line line, Token t, String what) throws ScenarioException {
    if (!t.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw line.error(
          t,
          "\"" + t.text() + "\" is not a valid " + what,
          what + " names use letters, digits and _ and start with a letter, e.g. p, child1, buf");
    }
    if (RESERVED.contains(t.text())) {
      throw line.error(
          t, "\"" + t.text() + "\" is a reserved word", "pick another " + what + " name");
    }
  }

  /** Defines a new alias; fails if it is taken. */
  void defineAlias(Line line, Token t, Proc p) throws ScenarioException {
    checkName(line, t, "alias");
    Proc existing = procs.get(t.text());
    if (existing != null) {
      throw line.error(
          t,
          "alias \"" + t.text() + "\" is already used (line " + existing.line + ")",
          "each process needs its own alias");
    }
    procs.put(t.text(), p);
  }
}
