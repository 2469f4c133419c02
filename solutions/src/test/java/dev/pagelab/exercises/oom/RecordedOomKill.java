package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memcg OOM kill recorded on Linux 6.18 ({@code truth/oomkill/*.dmesg.txt}), read back from its
 * report: the task table of {@code dump_tasks}, the cgroup and its limit, the allocating task (the
 * {@code CPU: ... PID:} line) and the pid {@code Killed process} names. The truth machine had 24
 * GiB of RAM (6171023 pages) and no swap; the cgroup is v1 with no swap limit, so {@code
 * mem_cgroup_get_max} is its memory limit.
 *
 * @param control the OOM as {@code mem_cgroup_out_of_memory} set it up
 * @param tasks the cgroup's tasks in the order the report lists them
 * @param killedPid the victim Linux chose
 */
record RecordedOomKill(OomControl control, List<OomTask> tasks, int killedPid) {
  private static final Pattern STAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] ");
  private static final Pattern ROW =
      Pattern.compile(
          "^\\[\\s*(\\d+)\\]\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"
              + "\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+) (.+)$");
  private static final Pattern LIMIT = Pattern.compile("^memory: usage \\d+kB, limit (\\d+)kB");
  private static final Pattern CPU = Pattern.compile("^CPU: \\d+ UID: \\d+ PID: (\\d+) ");
  private static final Pattern MEMCG = Pattern.compile(",oom_memcg=([^,]+),");
  private static final Pattern KILLED = Pattern.compile("Killed process (\\d+) ");

  /** Reads the report in the test resource {@code name} (next to this class). */
  static RecordedOomKill load(String name) {
    List<String[]> rows = new ArrayList<>();
    long limitKb = -1;
    int current = -1;
    int killed = -1;
    String path = null;
    for (String raw : text(name).split("\n")) {
      String l = STAMP.matcher(raw).replaceFirst("");
      Matcher m;
      if ((m = CPU.matcher(l)).find()) {
        current = Integer.parseInt(m.group(1));
      } else if ((m = LIMIT.matcher(l)).find()) {
        limitKb = Long.parseLong(m.group(1));
      } else if ((m = ROW.matcher(l)).matches()) {
        String[] f = new String[12];
        for (int i = 0; i < 12; i++) {
          f[i] = m.group(i + 1);
        }
        rows.add(f);
      } else if ((m = MEMCG.matcher(l)).find()) {
        path = m.group(1);
      }
      if ((m = KILLED.matcher(l)).find()) {
        killed = Integer.parseInt(m.group(1));
      }
    }
    if (rows.isEmpty() || limitKb < 0 || current < 0 || killed < 0 || path == null) {
      throw new IllegalStateException("RecordedOomKill: " + name + " is not a memcg OOM report");
    }
    List<OomTask> tasks = new ArrayList<>();
    OomTask allocating = null;
    for (String[] f : rows) {
      OomTask t = task(f, path);
      tasks.add(t);
      allocating = t.pid() == current ? t : allocating;
    }
    if (allocating == null) {
      throw new IllegalStateException(
          "RecordedOomKill: " + name + ": pid " + current + " unlisted");
    }
    OomControl oc =
        new OomControl(
            allocating, Optional.of(new OomMemcg(path, limitKb / 4)), 6_171_023, 0, 0, false);
    return new RecordedOomKill(oc, List.copyOf(tasks), killed);
  }

  /**
   * One {@code dump_task} row: pid uid tgid total_vm rss rss_anon rss_file rss_shmem pgtables_bytes
   * swapents oom_score_adj name.
   */
  private static OomTask task(String[] f, String memcg) {
    return new OomTask(
        Integer.parseInt(f[0]),
        f[11],
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Long.parseLong(f[7]),
        Long.parseLong(f[9]),
        Long.parseLong(f[8]),
        Integer.parseInt(f[10]),
        false,
        false,
        true,
        false,
        false,
        false,
        memcg);
  }

  private static String text(String name) {
    try (InputStream in = RecordedOomKill.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("RecordedOomKill: test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("RecordedOomKill: cannot read " + name, e);
    }
  }
}
