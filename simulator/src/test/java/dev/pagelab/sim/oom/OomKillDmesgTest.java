package dev.pagelab.sim.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two memcg OOM kills recorded on Linux 6.18 ({@code truth/oomkill/A.dmesg.txt}, {@code
 * C.dmesg.txt}): the task table is parsed back into {@link Task}s, the cgroup's counters into a
 * {@link Memcg}; {@link OomKiller#outOfMemory} must choose the recorded victim with totalpages =
 * the memcg limit and print every modelled line byte for byte.
 */
class OomKillDmesgTest {
  private static final Pattern STAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] ");
  private static final Pattern ROW =
      Pattern.compile(
          "^\\[\\s*(\\d+)\\]\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"
              + "\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+) (.+)$");
  private static final Pattern COUNTER =
      Pattern.compile("^(\\S+): usage (\\d+)kB, limit (\\d+)kB, failcnt (\\d+)$");
  private static final Pattern CPU = Pattern.compile("^CPU: \\d+ UID: \\d+ PID: (\\d+) ");
  private static final Pattern KILLED = Pattern.compile("Killed process (\\d+) ");

  private static List<String> lines(String name) throws IOException {
    try (InputStream in = OomKillDmesgTest.class.getResourceAsStream("/truth/oomkill/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String l : text.split("\n")) {
        out.add(STAMP.matcher(l).replaceFirst(""));
      }
      return out;
    }
  }

  private static Task row(Matcher m, String memcg) {
    long rss = Long.parseLong(m.group(5));
    Task t =
        new Task(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(3)),
            m.group(12),
            Integer.parseInt(m.group(2)),
            false,
            false,
            true,
            Long.parseLong(m.group(6)),
            Long.parseLong(m.group(7)),
            Long.parseLong(m.group(8)),
            Long.parseLong(m.group(10)),
            Long.parseLong(m.group(9)),
            Long.parseLong(m.group(4)),
            Integer.parseInt(m.group(11)),
            false,
            false,
            false,
            memcg);
    assertEquals(rss, t.rss(), "rss column = anon + file + shmem");
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"A.dmesg.txt", "C.dmesg.txt"})
  void reproducesTheRecordedKill(String file) throws IOException {
    List<String> dmesg = lines(file);
    String path =
        dmesg.stream()
            .filter(l -> l.startsWith("Memory cgroup stats for "))
            .findFirst()
            .orElseThrow()
            .replaceAll("^Memory cgroup stats for (.*):$", "$1");
    List<Memcg.PageCounter> counters = new ArrayList<>();
    List<Memcg.Stat> stats = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    int currentPid = -1;
    int killedPid = -1;
    boolean inStats = false;
    for (String l : dmesg) {
      Matcher m;
      if ((m = CPU.matcher(l)).find()) {
        currentPid = Integer.parseInt(m.group(1));
      } else if ((m = COUNTER.matcher(l)).matches()) {
        counters.add(
            new Memcg.PageCounter(
                m.group(1),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))));
      } else if (l.startsWith("Memory cgroup stats for ")) {
        inStats = true;
      } else if (l.startsWith("Tasks state")) {
        inStats = false;
      } else if (inStats) {
        String[] kv = l.split(" ");
        stats.add(new Memcg.Stat(kv[0], Long.parseLong(kv[1])));
      } else if ((m = ROW.matcher(l)).matches()) {
        tasks.add(row(m, path));
      } else if ((m = KILLED.matcher(l)).find()) {
        killedPid = Integer.parseInt(m.group(1));
      }
    }
    long limitPages = counters.get(0).limitKb() / 4;
    Memcg memcg = new Memcg(path, limitPages, 0, 60, counters, stats);
    int cur = currentPid;
    Task current = tasks.stream().filter(t -> t.pid() == cur).findFirst().orElseThrow();
    OomRequest r =
        new OomRequest(
            current,
            GfpMask.GFP_KERNEL,
            0,
            Optional.of(memcg),
            6171023,
            0,
            new MemInfoSummary(0, 0, 0, 0, 0, 0, 0, 0, 0),
            "/",
            "0",
            OomSysctls.DEFAULT);
    assertEquals(51200, OomKiller.totalpages(r), "totalpages = memcg limit in pages");
    OomOutcome outcome = OomKiller.outOfMemory(r, tasks);
    OomOutcome.Killed killed = assertInstanceOf(OomOutcome.Killed.class, outcome);
    assertEquals(killedPid, killed.victim().pid(), "the recorded victim");
    assertEquals(expectedModelledLines(dmesg), killed.log());
  }

  /** The dmesg without what {@code dump_stack} prints (the CPU line through {@code </TASK>}). */
  private static List<String> expectedModelledLines(List<String> dmesg) {
    int from = 1;
    int to = dmesg.indexOf(" </TASK>");
    assertTrue(dmesg.get(from).startsWith("CPU: ") && to > from, "stack block found");
    List<String> out = new ArrayList<>(dmesg.subList(0, from));
    out.addAll(dmesg.subList(to + 1, dmesg.size()));
    return out;
  }
}
