package dev.pagelab.sim.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses the statements that start with a process alias: {@code p mmap ...}, {@code p touch ...}.
 */
final class ProcessCommands {
  static final List<String> COMMANDS =
      List.of(
          "mmap",
          "munmap",
          "mprotect",
          "madvise",
          "pin",
          "unpin",
          "brk",
          "fork",
          "touch",
          "read",
          "write",
          "exec",
          "exit",
          "prctl",
          "taskset");

  static final String MMAP_HINT =
      "mmap SIZE [r|rw|rx|rwx|none] [anon|file=/path [offset=SIZE]] [private|shared] [at=ADDR"
          + " [fixed]] [populate] [hugetlb[=2MiB|1GiB]] [as NAME]";
  static final String TOUCH_HINT =
      "touch TARGET [read|write|exec] [stride=SIZE] [count=N] [offset=SIZE] [length=SIZE]"
          + " [order=forward|backward|random] [rate=SIZE/s]";
  private static final String PROT_HINT = "protections: r, rw, rx, rwx, none (also w, x, wx)";

  private final ParseState state;
  private final Views views;

  ProcessCommands(ParseState state, Views views) {
    this.state = state;
    this.views = views;
  }

  /** Parses {@code ALIAS COMMAND ...}; {@code alias} is the first word. */
  Statement parse(Line line, Token alias) throws ScenarioException {
    ParseState.Proc p = state.process(line, alias);
    Token cmd =
        line.next(
            "a command after \"" + alias.text() + "\"",
            "process commands: " + String.join(", ", COMMANDS));
    if (!COMMANDS.contains(cmd.text())) {
      throw line.error(
          cmd,
          "unknown process command \"" + cmd.text() + "\"",
          "process commands: " + String.join(", ", COMMANDS));
    }
    p = state.liveProcess(line, alias);
    Pos pos = line.pos(alias);
    switch (cmd.text()) {
      case "mmap":
        return mmap(line, pos, p);
      case "munmap":
        return munmap(line, pos, p);
      case "mprotect":
        return mprotect(line, pos, p);
      case "madvise":
        return madvise(line, pos, p);
      case "pin", "unpin":
        return pin(line, pos, p, cmd.text().equals("unpin"));
      case "brk":
        return brk(line, pos, p);
      case "fork":
        return fork(line, pos, p);
      case "touch":
        return TouchParser.parse(state, line, pos, p);
      case "exit":
        return exit(line, pos, p);
      case "prctl":
        return prctl(line, pos, p);
      case "taskset":
        return taskset(line, pos, p);
      default:
        return access(line, pos, p, cmd);
    }
  }

  private MmapStmt mmap(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    Token lengthTok = line.next("a length after mmap", MMAP_HINT);
    long length = Values.positiveSize(line, lengthTok, "the mmap length");
    Options o = new Options(line, "mmap", List.of("file", "offset", "at", "hugetlb"), MMAP_HINT);
    Token name = null;
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (t.text().equals("as")) {
        name = line.next("a region name after \"as\"", MMAP_HINT);
        line.end("\"as NAME\" ends the mmap line");
      } else if (!o.offer(t)) {
        mmapWord(line, o, t);
      } else if (t.text().startsWith("file=")) {
        o.claim("backing", t);
      }
    }
    Backing backing = backing(line, o);
    OptionalLong at = address(line, o, length);
    if (o.claimed("fixed") != null && at.isEmpty()) {
      throw line.error(o.claimed("fixed"), "fixed needs at=ADDR", MMAP_HINT);
    }
    Prot prot =
        o.claimed("protection") == null ? Prot.RW : Prot.parse(o.claimed("protection").text());
    boolean shared = o.claimed("sharing") != null && o.claimed("sharing").text().equals("shared");
    long huge = hugetlbSize(line, o, backing);
    if (name != null) {
      defineRegion(line, p, name, huge == 0 ? pageAlign(length) : alignUp(length, huge));
    }
    return new MmapStmt(
        pos,
        p.alias,
        length,
        prot,
        backing,
        shared,
        at,
        o.claimed("fixed") != null,
        o.claimed("populate") != null,
        Optional.ofNullable(name).map(Token::text),
        huge);
  }

  /** {@code hugetlb} (the default 2 MiB) or {@code hugetlb=2MiB|1GiB}; 0 without either. */
  private static long hugetlbSize(Line line, Options o, Backing backing) throws ScenarioException {
    Token bare = o.claimed("hugetlb");
    Token value = o.value("hugetlb");
    if (bare == null && value == null) {
      return 0;
    }
    if (backing instanceof Backing.File) {
      throw line.error(
          bare != null ? bare : o.word("hugetlb"), "hugetlb maps anonymous memory", MMAP_HINT);
    }
    if (value == null) {
      return 2L << 20;
    }
    long size = Values.positiveSize(line, value, "the hugetlb page size");
    if (size != 2L << 20 && size != 1L << 30) {
      throw line.error(value, "no hugetlb page size " + value.text(), "sizes: 2MiB, 1GiB");
    }
    return size;
  }

  private static long alignUp(long length, long size) {
    return length > Long.MAX_VALUE - size ? length : (length + size - 1) & -size;
  }

  /** One bare word of mmap: a protection, anon, private/shared, fixed or populate. */
  private static void mmapWord(Line line, Options o, Token t) throws ScenarioException {
    String w = t.text();
    if (Prot.parse(w) != null) {
      o.claim("protection", t);
    } else if (w.equals("anon")) {
      o.claim("backing", t);
    } else if (w.equals("private") || w.equals("shared")) {
      o.claim("sharing", t);
    } else if (w.equals("fixed") || w.equals("populate") || w.equals("hugetlb")) {
      o.claim(w, t);
    } else {
      throw line.error(t, "unknown mmap word \"" + w + "\"", MMAP_HINT);
    }
  }

  private Backing backing(Line line, Options o) throws ScenarioException {
    Token file = o.value("file");
    Token offset = o.value("offset");
    if (file == null) {
      if (offset != null) {
        throw line.error(o.word("offset"), "offset= needs file=", MMAP_HINT);
      }
      return Backing.ANON;
    }
    if (!file.text().startsWith("/") || !state.files.containsKey(file.text())) {
      throw line.error(
          file,
          "no file \"" + file.text() + "\"",
          "create it first with: file " + file.text() + " size=SIZE");
    }
    long off = offset == null ? 0 : Values.pageMultiple(line, offset, "offset=");
    return new Backing.File(file.text(), off);
  }

  /** The {@code at=} address: page aligned, and the mapping must end below user space's end. */
  private OptionalLong address(Line line, Options o, long length) throws ScenarioException {
    Token at = o.value("at");
    if (at == null) {
      return OptionalLong.empty();
    }
    long a = Values.address(line, at);
    if (a % 4096 != 0) {
      throw line.error(at, "at=" + at.text() + " is not page aligned", "use a multiple of 0x1000");
    }
    long limit = state.machine.userAddressLimit();
    if (Long.compareUnsigned(a, limit) >= 0 || Long.compareUnsigned(limit - a, length) < 0) {
      throw line.error(
          at,
          "the mapping at "
              + at.text()
              + " would end above the user address limit 0x"
              + Long.toHexString(limit),
          "with "
              + state.machine.pagingLevels()
              + "-level paging user addresses end at 0x"
              + Long.toHexString(limit - 1));
    }
    return OptionalLong.of(a);
  }

  private static long pageAlign(long length) {
    return length > Long.MAX_VALUE - 4095 ? length : (length + 4095) & ~4095L;
  }

  private static void defineRegion(Line line, ParseState.Proc p, Token name, long size)
      throws ScenarioException {
    ParseState.checkName(line, name, "region");
    ParseState.Region existing = p.regions.get(name.text());
    if (existing != null) {
      throw line.error(
          name,
          "process "
              + p.alias
              + " already has a region \""
              + name.text()
              + "\""
              + (existing.line() > 0 ? " (line " + existing.line() + ")" : ""),
          "pick another name");
    }
    p.unmapped.remove(name.text());
    p.regions.put(name.text(), new ParseState.Region(name.text(), size, line.number()));
  }

  private MunmapStmt munmap(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "munmap TARGET [offset=SIZE] [length=SIZE]";
    SpanParser sp = new SpanParser(state, line, p, "munmap", hint, true);
    String target = sp.targetToken().text();
    if (ParseState.PREDEFINED_REGIONS.contains(target)) {
      throw line.error(
          sp.targetToken(),
          "the " + target + " cannot be unmapped in a scenario",
          "shrink the heap with: " + p.alias + " brk -SIZE");
    }
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!sp.options().offer(t)) {
        throw line.error(t, "unexpected \"" + t.text() + "\"", hint);
      }
    }
    Span span = sp.finish();
    if (span.target() instanceof Target.Region r && sp.coversWholeRegion(span)) {
      p.regions.remove(r.name());
      p.unmapped.put(r.name(), line.number());
    }
    return new MunmapStmt(pos, p.alias, span);
  }

  private MprotectStmt mprotect(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "mprotect TARGET PROT [offset=SIZE] [length=SIZE]; " + PROT_HINT;
    SpanParser sp = new SpanParser(state, line, p, "mprotect", hint, true);
    Token prot = null;
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (sp.options().offer(t)) {
        continue;
      }
      if (Prot.parse(t.text()) == null) {
        throw line.error(t, "unknown protection \"" + t.text() + "\"", PROT_HINT);
      }
      sp.options().claim("protection", t);
      prot = t;
    }
    if (prot == null) {
      throw new ScenarioException(line.endPos(), "expected a protection", PROT_HINT);
    }
    return new MprotectStmt(pos, p.alias, sp.finish(), Prot.parse(prot.text()));
  }

  private MadviseStmt madvise(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    StringBuilder words = new StringBuilder();
    for (Advice a : Advice.values()) {
      words.append(words.length() == 0 ? "" : ", ").append(a.word());
    }
    String hint = "madvise TARGET ADVICE [offset=SIZE] [length=SIZE]; advice: " + words;
    SpanParser sp = new SpanParser(state, line, p, "madvise", hint, true);
    Advice advice = null;
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (sp.options().offer(t)) {
        continue;
      }
      advice = advice(line, t, hint);
      sp.options().claim("advice", t);
    }
    if (advice == null) {
      throw new ScenarioException(line.endPos(), "expected an advice", hint);
    }
    return new MadviseStmt(pos, p.alias, sp.finish(), advice);
  }

  private PinStmt pin(Line line, Pos pos, ParseState.Proc p, boolean unpin)
      throws ScenarioException {
    String word = unpin ? "unpin" : "pin";
    String hint = word + " TARGET [stride=SIZE] [offset=SIZE] [length=SIZE]";
    SpanParser sp = new SpanParser(state, line, p, word, hint, true, "stride");
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!sp.options().offer(t)) {
        throw line.error(t, "unknown " + word + " word \"" + t.text() + "\"", hint);
      }
    }
    Token strideTok = sp.options().value("stride");
    long stride = 4096;
    if (strideTok != null) {
      stride = Values.pageMultiple(line, strideTok, "stride=");
      if (stride == 0) {
        throw line.error(strideTok, "stride= must be at least 4KiB", hint);
      }
    }
    return new PinStmt(pos, p.alias, sp.finish(), stride, unpin);
  }

  private static Advice advice(Line line, Token t, String hint) throws ScenarioException {
    for (Advice a : Advice.values()) {
      if (a.word().equals(t.text())) {
        return a;
      }
    }
    throw line.error(t, "unknown advice \"" + t.text() + "\"", hint);
  }

  private BrkStmt brk(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "brk +SIZE grows the heap, brk -SIZE shrinks it, e.g. brk +80MiB";
    Token t = line.next("a change like +80MiB after brk", hint);
    char sign = t.text().isEmpty() ? ' ' : t.text().charAt(0);
    if (sign != '+' && sign != '-') {
      throw line.error(t, "brk needs a sign, found \"" + t.text() + "\"", hint);
    }
    long size = Values.positiveSize(line, t.valueAfter(1), "the brk change");
    line.end(hint);
    if (sign == '-' && size > p.heapBytes) {
      throw line.error(
          t,
          "brk " + t.text() + " would move the break below the start of the heap",
          "the heap of " + p.alias + " has " + Quantities.formatSize(p.heapBytes) + " now");
    }
    p.heapBytes += sign == '+' ? size : -size;
    return new BrkStmt(pos, p.alias, sign == '+' ? size : -size);
  }

  private ForkStmt fork(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "fork as CHILD, e.g. p fork as c";
    Token as = line.next("\"as CHILD\" after fork", hint);
    if (!as.text().equals("as")) {
      throw line.error(as, "expected \"as\", found \"" + as.text() + "\"", hint);
    }
    Token child = line.next("a child alias after \"as\"", hint);
    line.end(hint);
    state.defineAlias(line, child, p.forkAs(child.text(), line.number()));
    return new ForkStmt(pos, p.alias, child.text());
  }

  private AccessStmt access(Line line, Pos pos, ParseState.Proc p, Token cmd)
      throws ScenarioException {
    String hint = cmd.text() + " ADDR, e.g. " + cmd.text() + " 0x0 or " + cmd.text() + " buf+4KiB";
    Token where = line.next("an address after " + cmd.text(), hint);
    Location location = views.location(line, p, where);
    line.end(hint);
    AccessKind kind = AccessKind.valueOf(cmd.text().toUpperCase(Locale.ROOT));
    return new AccessStmt(pos, p.alias, kind, location);
  }

  private PrctlStmt prctl(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "prctl thp_disable=1 (PR_SET_THP_DISABLE) or thp_disable=0";
    Options o = Options.readAll(line, "prctl", List.of("thp_disable"), hint);
    Token v = o.required("thp_disable", "thp_disable=0 or thp_disable=1");
    return new PrctlStmt(pos, p.alias, Values.countIn(line, v, "thp_disable", 0, 1) == 1);
  }

  private TasksetStmt taskset(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "taskset cpu=N: pin the process to CPU N (0 to the machine's cpus= - 1)";
    Options o = Options.readAll(line, "taskset", List.of("cpu"), hint);
    long cpu = Values.countIn(line, o.required("cpu", "cpu=N"), "cpu", 0, 255);
    return new TasksetStmt(pos, p.alias, (int) cpu);
  }

  private ExitStmt exit(Line line, Pos pos, ParseState.Proc p) throws ScenarioException {
    String hint = "exit [status=N] with N from 0 to 255";
    Options o = new Options(line, "exit", List.of("status"), hint);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!o.offer(t)) {
        throw line.error(t, "unexpected \"" + t.text() + "\"", hint);
      }
    }
    int status =
        o.value("status") == null
            ? 0
            : (int) Values.countIn(line, o.value("status"), "status", 0, 255);
    p.exitedLine = line.number();
    return new ExitStmt(pos, p.alias, status);
  }
}
