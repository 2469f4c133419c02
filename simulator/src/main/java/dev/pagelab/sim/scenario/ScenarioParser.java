package dev.pagelab.sim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads scenario text into a {@link Scenario}. See {@code docs/scenarios.md} for the language.
 *
 * <p>Parsing checks everything that can be known without running: command and option names, units,
 * ranges, that aliases and regions are defined before use, that an exited process does nothing
 * more. The first error stops parsing; it reads {@code file:line:column: problem} and a {@code
 * hint:} line.
 */
public final class ScenarioParser {
  /** The commands a line may start with (besides a process alias). */
  static final List<String> COMMANDS =
      List.of(
          "machine",
          "sysctl",
          "cgroup",
          "file",
          "write",
          "read",
          "truncate",
          "rm",
          "sync",
          "spawn",
          "sleep",
          "every",
          "stop",
          "expect",
          "free",
          "ps",
          "cat",
          "dmesg",
          "walk",
          "echo",
          "sar");

  static final Set<String> VIEWS = Set.of("free", "ps", "cat", "dmesg", "walk", "echo", "sar");

  private static final String MACHINE_HINT =
      "machine takes ram=, swap=, paging=4level|5level, tlb=, cpus=, min_free_kbytes=, seed=,"
          + " thp=always|madvise|never";
  private static final List<String> MACHINE_KEYS =
      List.of("ram", "swap", "paging", "tlb", "cpus", "min_free_kbytes", "seed", "thp");
  private static final long MAX_MEMORY = 1L << 46;

  private final String source;
  private final ParseState state;
  private final ProcessCommands processCommands;
  private final Views views;

  private ScenarioParser(String source) {
    this.source = source;
    this.state = new ParseState(MachineStmt.defaults(source));
    this.views = new Views(state);
    this.processCommands = new ProcessCommands(state, views);
  }

  /**
   * Parses a scenario text.
   *
   * @param source the name used in positions, e.g. {@code demo.scn}
   * @param text the whole text
   * @return the scenario
   * @throws ScenarioException at the first error
   */
  public static Scenario parse(String source, String text) throws ScenarioException {
    return new ScenarioParser(source).run(text);
  }

  /**
   * Reads and parses a scenario file; its file name is the source name.
   *
   * @param file a UTF-8 text file
   * @return the scenario
   * @throws ScenarioException if the file cannot be read, or at the first error
   */
  public static Scenario parse(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ScenarioException(
          file + ": cannot read the scenario file (" + e.getClass().getSimpleName() + ")",
          "check that the path exists and is a readable UTF-8 text file");
    }
    return parse(file.toString(), text);
  }

  private Scenario run(String text) throws ScenarioException {
    // A byte-order mark some editors write is not part of the first command.
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> texts = body.lines().toList();
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      List<Token> tokens = Lexer.tokenize(source, i + 1, texts.get(i));
      lines.add(new Line(source, i + 1, texts.get(i), tokens));
    }
    state.prescan(lines);
    List<Statement> statements = new ArrayList<>();
    for (Line line : lines) {
      if (line.hasNext()) {
        statements.add(statement(line));
        state.statements++;
      }
    }
    return new Scenario(source, state.machine, statements, texts);
  }

  private Statement statement(Line line) throws ScenarioException {
    Token first = line.next("a command", null);
    Pos pos = line.pos(first);
    String word = first.text();
    switch (word) {
      case "machine":
        return machine(line, first);
      case "sysctl":
        return sysctl(line, pos);
      case "cgroup":
        return cgroup(line, pos);
      case "file":
        return file(line, pos);
      case "sync":
        line.end("sync takes nothing more");
        return new FileOpStmt(pos, FileOpStmt.Op.SYNC, "", 0, 0);
      case "rm":
      case "truncate":
      case "read":
      case "write":
        return fileOp(line, first, pos);
      case "spawn":
        return spawn(line, pos);
      case "sleep":
        return sleep(line, pos);
      case "every":
        return every(line, pos);
      case "stop":
        return stop(line, first);
      case "expect":
        return Expectations.parse(state, line, pos);
      default:
        break;
    }
    if (VIEWS.contains(word)) {
      return new ViewStmt(pos, views.parse(line, first, false));
    }
    Token second = line.peek();
    if (state.procs.containsKey(word)
        || (second != null && ProcessCommands.COMMANDS.contains(second.text()))) {
      return processCommands.parse(line, first);
    }
    throw line.error(
        first,
        "unknown command \"" + word + "\"",
        "commands: "
            + String.join(", ", COMMANDS)
            + (state.procs.isEmpty()
                ? ""
                : "; or ALIAS COMMAND for a process ("
                    + String.join(", ", state.procs.keySet())
                    + ")"));
  }

  private MachineStmt machine(Line line, Token first) throws ScenarioException {
    if (state.machine.pos().line() > 0) {
      throw line.error(
          first,
          "machine is already set at line " + state.machine.pos().line(),
          "a scenario has one machine line");
    }
    if (state.statements > 0) {
      throw line.error(
          first,
          "machine must come before every other statement",
          "move the machine line to the top of the scenario");
    }
    Options o = new Options(line, "machine", MACHINE_KEYS, MACHINE_HINT);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!o.offer(t)) {
        throw line.error(t, "expected KEY=VALUE, found \"" + t.text() + "\"", MACHINE_HINT);
      }
    }
    MachineStmt d = MachineStmt.defaults(source);
    long ram = o.value("ram") == null ? d.ramBytes() : memory(line, o.value("ram"), "ram", 16);
    long swap = o.value("swap") == null ? d.swapBytes() : memory(line, o.value("swap"), "swap", 0);
    int paging = o.value("paging") == null ? d.pagingLevels() : paging(line, o.value("paging"));
    int tlb = intOption(line, o.value("tlb"), "tlb", 1, 65536, d.tlbEntries());
    int cpus = intOption(line, o.value("cpus"), "cpus", 1, 256, d.cpus());
    OptionalLong minFree =
        o.value("min_free_kbytes") == null
            ? OptionalLong.empty()
            : OptionalLong.of(
                Values.countIn(line, o.value("min_free_kbytes"), "min_free_kbytes", 0, ram / 1024));
    long seed = o.value("seed") == null ? d.seed() : Values.count(line, o.value("seed"));
    ThpMode thp = o.value("thp") == null ? d.thp() : thp(line, o.value("thp"));
    state.machine =
        new MachineStmt(line.pos(first), ram, swap, paging, tlb, cpus, minFree, seed, thp);
    return state.machine;
  }

  /** RAM or swap: whole pages, at least {@code minMiB} MiB, at most 64 TiB. */
  private static long memory(Line line, Token t, String what, long minMiB)
      throws ScenarioException {
    long v = Values.pageMultiple(line, t, what);
    if (v < (minMiB << 20) || v > MAX_MEMORY) {
      throw line.error(
          t,
          what + "=" + t.text() + " is out of range",
          what + " must be between " + minMiB + "MiB and 64TiB (46 physical address bits)");
    }
    return v;
  }

  private static int paging(Line line, Token t) throws ScenarioException {
    switch (t.text()) {
      case "4level":
        return 4;
      case "5level":
        return 5;
      default:
        throw line.error(
            t,
            "unknown paging mode \"" + t.text() + "\"",
            "paging is 4level (48-bit addresses) or 5level (57-bit)");
    }
  }

  private static ThpMode thp(Line line, Token t) throws ScenarioException {
    switch (t.text()) {
      case "always":
        return ThpMode.ALWAYS;
      case "madvise":
        return ThpMode.MADVISE;
      case "never":
        return ThpMode.NEVER;
      default:
        throw line.error(
            t, "unknown THP mode \"" + t.text() + "\"", "thp is always, madvise or never");
    }
  }

  private static int intOption(Line line, Token t, String what, int min, int max, int dflt)
      throws ScenarioException {
    return t == null ? dflt : (int) Values.countIn(line, t, what, min, max);
  }

  private SysctlStmt sysctl(Line line, Pos pos) throws ScenarioException {
    String hint = "sysctl settings look like: sysctl vm.overcommit_memory=2";
    Token t = line.next("KEY=VALUE after sysctl", hint);
    if (t.text().equals("-w")) {
      t = line.next("KEY=VALUE after sysctl -w", hint);
    }
    int eq = t.text().indexOf('=');
    if (eq < 0) {
      throw line.error(t, "expected KEY=VALUE, found \"" + t.text() + "\"", hint);
    }
    String key = t.text().substring(0, eq);
    if (!key.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+")) {
      throw line.error(t, "\"" + key + "\" is not a sysctl key", hint);
    }
    Token value = t.valueAfter(eq + 1);
    if (value.text().isEmpty()) {
      throw line.error(value, "missing value after \"" + key + "=\"", hint);
    }
    line.end("one setting per sysctl line");
    return new SysctlStmt(pos, key, value.text(), line.pos(value));
  }

  /** A value of a cgroup file: 0 or 1 for memory.oom.group, else a size or {@code max}. */
  private static OptionalLong cgroupValue(Line line, String file, Token value)
      throws ScenarioException {
    if (file.equals("memory.oom.group")) {
      if (!value.text().equals("0") && !value.text().equals("1")) {
        throw line.error(
            value,
            "memory.oom.group takes 0 or 1, found \"" + value.text() + "\"",
            "e.g. memory.oom.group=1");
      }
      return OptionalLong.of(Long.parseLong(value.text()));
    }
    return value.text().equals("max")
        ? OptionalLong.empty()
        : OptionalLong.of(Values.size(line, value));
  }

  private CgroupStmt cgroup(Line line, Pos pos) throws ScenarioException {
    String hint =
        "cgroups look like: cgroup oomtest memory.max=200MiB (or memory.max=max),"
            + " optionally memory.high=, memory.low=, memory.min=, memory.swap.max=,"
            + " memory.oom.group=0|1";
    Token name = line.next("a cgroup name after cgroup", hint);
    if (!name.text().matches(ParseState.CGROUP_NAME)) {
      throw line.error(
          name, "\"" + name.text() + "\" is not a cgroup name", "e.g. oomtest or work/oomtest");
    }
    OptionalLong max = OptionalLong.empty();
    List<CgroupStmt.Setting> settings = new ArrayList<>();
    while (line.hasNext()) {
      Token t = line.next("", null);
      int eq = t.text().indexOf('=');
      String file = eq < 0 ? t.text() : t.text().substring(0, eq);
      if (eq < 0 || !file.equals("memory.max") && !CgroupStmt.Setting.FILES.contains(file)) {
        throw line.error(
            t,
            "expected FILE=VALUE with FILE one of memory.max, "
                + String.join(", ", CgroupStmt.Setting.FILES)
                + ", found \""
                + t.text()
                + "\"",
            hint);
      }
      Token value = t.valueAfter(eq + 1);
      if (file.equals("memory.max")) {
        max =
            value.text().equals("max")
                ? OptionalLong.empty()
                : OptionalLong.of(Values.size(line, value));
      } else {
        settings.add(new CgroupStmt.Setting(file, cgroupValue(line, file, value)));
      }
    }
    state.cgroups.add(name.text());
    return new CgroupStmt(pos, name.text(), max, settings);
  }

  private FileStmt file(Line line, Pos pos) throws ScenarioException {
    String hint = "files are made like: file /data/big size=100MiB";
    Token path = line.next("a path after file", hint);
    if (!path.text().startsWith("/")) {
      throw line.error(path, "\"" + path.text() + "\" is not an absolute path", hint);
    }
    Integer earlier = state.files.get(path.text());
    if (earlier != null) {
      throw line.error(
          path, "file " + path.text() + " already exists (line " + earlier + ")", hint);
    }
    Options o = Options.readAll(line, "file", List.of("size"), hint);
    long size = Values.size(line, o.required("size", "size=SIZE"));
    state.files.put(path.text(), line.number());
    return new FileStmt(pos, path.text(), size);
  }

  private static final String FILE_OP_HINT =
      "file commands: write /PATH size=SIZE [offset=SIZE], read /PATH, truncate /PATH size=SIZE,"
          + " rm /PATH, sync";

  /** {@code write}, {@code read}, {@code truncate} or {@code rm} of one file. */
  private FileOpStmt fileOp(Line line, Token first, Pos pos) throws ScenarioException {
    FileOpStmt.Op op = FileOpStmt.Op.valueOf(first.text().toUpperCase(java.util.Locale.ROOT));
    Token path = line.next("a path after " + first.text(), FILE_OP_HINT);
    if (!path.text().startsWith("/")) {
      throw line.error(path, "\"" + path.text() + "\" is not an absolute path", FILE_OP_HINT);
    }
    List<String> keys =
        switch (op) {
          case WRITE -> List.of("size", "offset", "cgroup");
          case READ -> List.of("cgroup");
          case TRUNCATE -> List.of("size");
          default -> List.of();
        };
    Options o = new Options(line, first.text(), keys, FILE_OP_HINT);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!o.offer(t)) {
        throw line.error(t, "unexpected \"" + t.text() + "\"", FILE_OP_HINT);
      }
    }
    if (keys.contains("size") && o.value("size") == null) {
      throw new ScenarioException(line.endPos(), "expected size=SIZE", FILE_OP_HINT);
    }
    long size = o.value("size") == null ? 0 : Values.size(line, o.value("size"));
    long offset = o.value("offset") == null ? 0 : Values.size(line, o.value("offset"));
    if (op == FileOpStmt.Op.WRITE && size == 0) {
      throw line.error(o.value("size"), "a write needs at least 1 byte", FILE_OP_HINT);
    }
    if (op == FileOpStmt.Op.WRITE) {
      state.files.putIfAbsent(path.text(), line.number());
    } else if (!state.files.containsKey(path.text())) {
      throw line.error(
          path,
          "no file " + path.text() + " at this point",
          "make it first with: file "
              + path.text()
              + " size=SIZE, or write "
              + path.text()
              + " size=SIZE");
    } else if (op == FileOpStmt.Op.RM) {
      state.files.remove(path.text());
    }
    Token group = o.value("cgroup");
    if (group != null) {
      state.cgroup(line, group);
    }
    return new FileOpStmt(
        pos, op, path.text(), size, offset, Optional.ofNullable(group).map(Token::text));
  }

  private SpawnStmt spawn(Line line, Pos pos) throws ScenarioException {
    String hint = "spawn NAME as ALIAS [exe=/path] [size=SIZE] [oom_score_adj=N] [cgroup=NAME]";
    Token comm = line.next("a command name after spawn", hint);
    if (comm.text().length() > 15) {
      throw line.error(
          comm,
          "command name \"" + comm.text() + "\" has " + comm.text().length() + " characters",
          "the kernel keeps at most 15 (TASK_COMM_LEN 16); shorten it");
    }
    Token as = line.next("\"as ALIAS\" after the command name", hint);
    if (!as.text().equals("as")) {
      throw line.error(as, "expected \"as\", found \"" + as.text() + "\"", hint);
    }
    Token alias = line.next("an alias after \"as\"", hint);
    Options o = new Options(line, "spawn", List.of("exe", "size", "oom_score_adj", "cgroup"), hint);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!o.offer(t)) {
        throw line.error(t, "unexpected \"" + t.text() + "\"", hint);
      }
    }
    Token exe = o.value("exe");
    if (exe != null && !exe.text().startsWith("/")) {
      throw line.error(exe, "exe=" + exe.text() + " is not an absolute path", hint);
    }
    OptionalLong size =
        o.value("size") == null
            ? OptionalLong.empty()
            : OptionalLong.of(Values.size(line, o.value("size")));
    int adj = intOption(line, o.value("oom_score_adj"), "oom_score_adj", -1000, 1000, 0);
    Token group = o.value("cgroup");
    if (group != null) {
      state.cgroup(line, group);
    }
    state.defineAlias(line, alias, new ParseState.Proc(alias.text(), line.number()));
    return new SpawnStmt(
        pos,
        comm.text(),
        alias.text(),
        Optional.ofNullable(exe).map(Token::text),
        size,
        adj,
        Optional.ofNullable(group).map(Token::text));
  }

  private SleepStmt sleep(Line line, Pos pos) throws ScenarioException {
    Token t = line.next("a duration after sleep", Quantities.DURATION_HINT);
    long nanos = Values.duration(line, t);
    line.end("sleep takes one duration, e.g. sleep 5s");
    return new SleepStmt(pos, nanos);
  }

  private EveryStmt every(Line line, Pos pos) throws ScenarioException {
    String hint = "samplers look like: every 1s: ps p -o vsz,rss,maj_flt,min_flt";
    Token t = line.next("a period after every", hint);
    boolean colon = t.text().endsWith(":");
    Token period =
        colon ? new Token(t.text().substring(0, t.text().length() - 1), t.column(), false) : t;
    long nanos = Values.duration(line, period);
    if (nanos <= 0) {
      throw line.error(period, "the period of every must be above 0", hint);
    }
    if (!colon) {
      Token c = line.next("\":\" after the period", hint);
      if (!c.text().equals(":")) {
        throw line.error(c, "expected \":\" after the period, found \"" + c.text() + "\"", hint);
      }
    }
    Token view = line.next("a view after \"every " + period.text() + ":\"", hint);
    if (!VIEWS.contains(view.text())) {
      throw line.error(
          view,
          "\"" + view.text() + "\" is not a view",
          "every samples a view: " + String.join(", ", new TreeSet<>(VIEWS)));
    }
    View v = views.parse(line, view, true);
    state.samplers++;
    return new EveryStmt(pos, nanos, v);
  }

  private StopEveryStmt stop(Line line, Token first) throws ScenarioException {
    Token what = line.next("\"every\" after stop", "stop every ends all samplers");
    if (!what.text().equals("every")) {
      throw line.error(
          what,
          "expected \"every\", found \"" + what.text() + "\"",
          "stop every ends all samplers");
    }
    line.end("stop every takes nothing more");
    if (state.samplers == 0) {
      throw line.error(first, "no sampler is running", "start one with: every 1s: free -m");
    }
    state.samplers = 0;
    return new StopEveryStmt(line.pos(first));
  }
}
