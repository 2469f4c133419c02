package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundledScenariosTest {
  static Stream<String> names() {
    return BundledScenarios.list().stream().map(BundledScenarios.Entry::name);
  }

  @Test
  void listsTheCourseExperimentsInLessonOrder() {
    assertEquals(
        List.of(
            "memuse",
            "buff-cache",
            "mmap",
            "segv",
            "demand-paging",
            "faults",
            "overcommit",
            "oom",
            "oom-cgroup",
            "leak",
            "sar-r",
            "hugetlb",
            "fragmentation",
            "thp-modes",
            "thp-alignment",
            "khugepaged",
            "page-table-size",
            "fork-cost",
            "memcg-limits"),
        names().toList());
    for (BundledScenarios.Entry e : BundledScenarios.list()) {
      assertFalse(e.description().isBlank(), e.name());
      assertFalse(e.description().contains("\n"), e.name());
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyBundledScenarioParses(String name) throws ScenarioException {
    Scenario s = BundledScenarios.load(name);
    assertEquals(name + ".scn", s.source());
    assertFalse(s.statements().isEmpty());
    for (Statement st : s.statements()) {
      assertEquals(name + ".scn", st.pos().source());
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> BundledScenarios.load("demand-pageing"));
    assertEquals(
        "unknown bundled scenario \"demand-pageing\"\n"
            + "hint: bundled scenarios: memuse, buff-cache, mmap, segv, demand-paging, faults, overcommit,"
            + " oom, oom-cgroup, leak, sar-r, hugetlb, fragmentation, thp-modes, thp-alignment,"
            + " khugepaged, page-table-size, fork-cost, memcg-limits",
        e.getMessage());
    assertThrows(ScenarioException.class, () -> BundledScenarios.text("index"));
  }

  @Test
  void memuseShowsFreeBeforeDuringAndAfter() throws ScenarioException {
    List<Statement> st = BundledScenarios.load("memuse").statements();
    int mmap = indexOf(st, MmapStmt.class);
    int touch = indexOf(st, TouchStmt.class);
    int exit = indexOf(st, ExitStmt.class);
    MmapStmt m = (MmapStmt) st.get(mmap);
    assertTrue(m.length() >= 76L << 20 && m.length() <= 84_000_000L, "about 80 MB");
    assertTrue(mmap < touch && touch < exit);
    assertTrue(freeViewsBetween(st, 0, mmap) >= 1, "free before");
    assertTrue(freeViewsBetween(st, touch, exit) >= 1, "free while it holds the memory");
    assertTrue(freeViewsBetween(st, exit, st.size()) >= 1, "free after exit");
  }

  @Test
  void mmapShowsTheMapsBeforeAndAfterOneGib() throws ScenarioException {
    List<Statement> st = BundledScenarios.load("mmap").statements();
    int mmap = indexOf(st, MmapStmt.class);
    assertEquals(1L << 30, ((MmapStmt) st.get(mmap)).length());
    long mapsBefore = st.subList(0, mmap).stream().filter(BundledScenariosTest::isMaps).count();
    long mapsAfter =
        st.subList(mmap, st.size()).stream().filter(BundledScenariosTest::isMaps).count();
    assertEquals(1, mapsBefore);
    assertEquals(1, mapsAfter);
  }

  @Test
  void segvWritesToAddressZeroThenShowsDmesg() throws ScenarioException {
    List<Statement> st = BundledScenarios.load("segv").statements();
    AccessStmt a = (AccessStmt) st.get(indexOf(st, AccessStmt.class));
    assertEquals(AccessKind.WRITE, a.access());
    assertEquals(new Location(new Target.Address(0), 0), a.location());
    boolean dmesgAfter =
        st.subList(st.indexOf(a), st.size()).stream()
            .anyMatch(s -> s instanceof ViewStmt v && v.view() instanceof View.Dmesg);
    assertTrue(dmesgAfter);
  }

  @Test
  void demandPagingSamplesPsWhileTouchingTenMibASecond() throws ScenarioException {
    List<Statement> st = BundledScenarios.load("demand-paging").statements();
    EveryStmt every = (EveryStmt) st.get(indexOf(st, EveryStmt.class));
    assertEquals(1_000_000_000L, every.periodNanos());
    View.Ps ps = assertInstanceOf(View.Ps.class, every.view());
    assertEquals(
        List.of("vsz", "rss", "maj_flt", "min_flt"),
        ps.columns().stream().map(View.PsColumn::field).toList());
    int mmap = indexOf(st, MmapStmt.class);
    int touch = indexOf(st, TouchStmt.class);
    assertTrue(st.indexOf(every) < mmap && mmap < touch, "sampling starts before the mmap");
    assertEquals(100L << 20, ((MmapStmt) st.get(mmap)).length());
    TouchStmt t = (TouchStmt) st.get(touch);
    assertEquals(10L << 20, t.rateBytesPerSecond().getAsLong());
    assertEquals(4096, t.stride());
    assertTrue(indexOf(st, SleepStmt.class) < mmap, "a quiet second or more before the mmap");
    assertTrue(indexOf(st, StopEveryStmt.class) > touch);
  }

  /**
   * Every {@code expect X.last_min_flt == N} of faults.scn is the number the real kernel counted
   * for that experiment (truth/faults/anon_summary.tsv and cow_faults.tsv, Linux 6.18).
   */
  @Test
  void faultExpectationsAreTheMeasuredKernelCounts() throws Exception {
    Map<String, Long> anon = anonMinflt();
    Map<String, Long> cow = cowMinflt();
    List<Statement> st = BundledScenarios.load("faults").statements();
    Map<String, String> comm = new HashMap<>();
    Map<String, List<TouchStmt>> touches = new HashMap<>();
    Map<String, Boolean> forkedChild = new HashMap<>();
    Map<String, Boolean> childExited = new HashMap<>();
    int checked = 0;
    for (Statement s : st) {
      if (s instanceof SpawnStmt sp) {
        comm.put(sp.alias(), sp.comm());
      } else if (s instanceof ForkStmt f) {
        comm.put(f.child(), comm.get(f.parent()));
        forkedChild.put(f.child(), true);
        childExited.put(f.parent(), false);
      } else if (s instanceof ExitStmt e && forkedChild.containsKey(e.process())) {
        childExited.replaceAll((parent, exited) -> true);
      } else if (s instanceof TouchStmt t) {
        touches.computeIfAbsent(t.process(), k -> new ArrayList<>()).add(t);
      } else if (s instanceof ExpectStmt x
          && x.subject() instanceof ExpectStmt.Subject.ProcessField f
          && f.field().equals("last_min_flt")) {
        List<TouchStmt> mine = touches.get(f.process());
        String key =
            comm.get(f.process()).equals("cowfaults")
                ? cowCase(mine, forkedChild.containsKey(f.process()), childExited.get(f.process()))
                : anonCase(mine);
        Map<String, Long> table = comm.get(f.process()).equals("cowfaults") ? cow : anon;
        assertTrue(table.containsKey(key), "no measurement for " + key + " at " + x.pos());
        assertEquals(table.get(key), x.value(), key + " at " + x.pos());
        checked++;
      }
    }
    assertEquals(10, checked, "faults.scn checks ten measured counts");
  }

  /** The anon_summary touch name of a process's latest touch (all 100 MiB, 4 KiB pages). */
  private static String anonCase(List<TouchStmt> touches) {
    TouchStmt t = touches.get(touches.size() - 1);
    boolean readBefore = touches.size() > 1 && touches.get(0).access() == AccessKind.READ;
    if (t.access() == AccessKind.READ) {
      return t.stride() == 2L << 20 ? "read_per2m" : "read";
    }
    if (t.order() == TouchOrder.BACKWARD) {
      return "write_backwards";
    }
    if (t.stride() == 8192) {
      return "write_every_other";
    }
    if (t.stride() == 2L << 20) {
      return "write_per2m";
    }
    return readBefore ? "read_then_write" : "write";
  }

  /** The cow_faults column of the latest touch: the parent's first write, the child, or after. */
  private static String cowCase(List<TouchStmt> touches, boolean child, Boolean childGone) {
    TouchStmt t = touches.get(touches.size() - 1);
    if (child) {
      return t.access() == AccessKind.READ
          ? "child_read/child"
          : t.stride() == 8192 ? "child_write_every_other/child" : "child_write/child";
    }
    return Boolean.TRUE.equals(childGone)
        ? "child_write/parent_after"
        : "child_write/parent_initial";
  }

  /** touch name → minflt of the 100 MiB, THP none, auto-aligned rows. */
  private static Map<String, Long> anonMinflt() throws IOException {
    Map<String, Long> m = new HashMap<>();
    List<String[]> rows = tsv("/truth/faults/anon_summary.tsv");
    List<String> head = List.of(rows.get(0));
    for (String[] r : rows.subList(1, rows.size())) {
      if (r[head.indexOf("size_mib")].equals("100")
          && r[head.indexOf("thp")].equals("none")
          && r[head.indexOf("align")].equals("auto")) {
        m.put(r[head.indexOf("touch")], Long.parseLong(r[head.indexOf("minflt")]));
      }
    }
    return m;
  }

  /** mode/who → minflt of the 100 MiB nohuge rows; every repetition must agree. */
  private static Map<String, Long> cowMinflt() throws IOException {
    Map<String, Long> m = new HashMap<>();
    List<String[]> rows = tsv("/truth/faults/cow_faults.tsv");
    List<String> head = List.of(rows.get(0));
    for (String[] r : rows.subList(1, rows.size())) {
      if (!r[head.indexOf("size_mib")].equals("100") || !r[head.indexOf("thp")].equals("nohuge")) {
        continue;
      }
      for (String who : List.of("parent_initial", "child", "parent_after")) {
        String key = r[head.indexOf("mode")] + "/" + who;
        long v = Long.parseLong(r[head.indexOf(who + "_minflt")]);
        Long old = m.put(key, v);
        assertTrue(old == null || old == v, "repetitions disagree on " + key);
      }
    }
    return m;
  }

  private static List<String[]> tsv(String resource) throws IOException {
    try (InputStream in = BundledScenariosTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, "missing test resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(l -> l.split("\t", -1))
          .toList();
    }
  }

  private static int indexOf(List<Statement> st, Class<? extends Statement> type) {
    for (int i = 0; i < st.size(); i++) {
      if (type.isInstance(st.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName());
  }

  private static long freeViewsBetween(List<Statement> st, int from, int to) {
    return st.subList(from, to).stream()
        .filter(s -> s instanceof ViewStmt v && v.view() instanceof View.Free)
        .count();
  }

  private static boolean isMaps(Statement s) {
    return s instanceof ViewStmt v && v.view() instanceof View.PidFile f && f.name().equals("maps");
  }
}
