package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of a real Linux 6.18 machine (the course's truth machine, 24 GiB of RAM, no swap)
 * as {@code snapshot_procs.py} saved them from {@code /proc}: {@code snapshot1/procs.tsv} (pid,
 * comm, state, kthread, RssAnon, RssFile, RssShmem, VmSwap, VmPTE in kB, oom_score_adj, oom_score)
 * and {@code snapshot1/meta.json} (MemTotal, SwapTotal). 82 processes: init, 58 kernel threads and
 * 23 user processes, 21 of them test processes holding 1 MiB to 2 GiB with adj 0 to 1000.
 *
 * @param ramPages {@code totalram_pages()}: MemTotal / 4 kB
 * @param swapPages {@code total_swap_pages}: SwapTotal / 4 kB
 * @param processes every process, in pid order
 */
record Snapshot(long ramPages, long swapPages, List<Process> processes) {
  /**
   * One process.
   *
   * @param task what the OOM killer reads of it
   * @param status its {@code /proc/PID/status} lines as recorded, for messages
   * @param oomScore what its {@code /proc/PID/oom_score} showed
   */
  record Process(OomTask task, String status, long oomScore) {}

  /** The snapshot in the test resources. */
  static Snapshot load() {
    String meta = text("snapshot1/meta.json");
    long ramKb = number(meta, "MemTotal_kB_before");
    long swapKb = number(meta, "SwapTotal_kB_before");
    List<Process> processes = new ArrayList<>();
    String[] lines = text("snapshot1/procs.tsv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      processes.add(process(lines[i].split("\t", -1)));
    }
    return new Snapshot(ramKb / 4, swapKb / 4, List.copyOf(processes));
  }

  /** A row: pid comm state kthread RssAnon RssFile RssShmem VmSwap VmPTE adj oom_score reread. */
  private static Process process(String[] f) {
    int pid = Integer.parseInt(f[0]);
    boolean kthread = f[3].equals("True");
    int adj = Integer.parseInt(f[9]);
    long score = Long.parseLong(f[10]);
    if (kthread) {
      OomTask t =
          new OomTask(pid, f[1], 0, 0, 0, 0, 0, adj, true, false, false, false, false, false, "/");
      return new Process(t, "kernel thread, no mm", score);
    }
    long anonKb = Long.parseLong(f[4]);
    long fileKb = Long.parseLong(f[5]);
    long shmemKb = Long.parseLong(f[6]);
    long swapKb = Long.parseLong(f[7]);
    long pteKb = Long.parseLong(f[8]);
    OomTask t =
        new OomTask(
            pid,
            f[1],
            anonKb / 4,
            fileKb / 4,
            shmemKb / 4,
            swapKb / 4,
            pteKb * 1024,
            adj,
            false,
            pid == 1,
            true,
            false,
            false,
            false,
            "/");
    String status =
        String.format(
            "RssAnon %d kB, RssFile %d kB, RssShmem %d kB, VmSwap %d kB, VmPTE %d kB",
            anonKb, fileKb, shmemKb, swapKb, pteKb);
    return new Process(t, status, score);
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("Snapshot: meta.json has no " + key);
    }
    return Long.parseLong(m.group(1));
  }

  private static String text(String resource) {
    try (InputStream in = Snapshot.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Snapshot: test resource " + resource + " is missing");
      }
      StringBuilder out = new StringBuilder();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          out.append(l).append('\n');
        }
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Snapshot: cannot read " + resource, e);
    }
  }
}
