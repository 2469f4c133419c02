package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.vm.Cpus;
import dev.pagelab.sim.vm.RssStat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code shared/truth/oom/step}: one process pinned to CPU 0 of the 2-CPU truth machine
 * writes one new page at a time and reads {@code /proc/self/status} and {@code
 * /proc/self/oom_score} after each page, 60000 pages with {@code oom_score_adj} 0 and 60000 more
 * with 1000 (two runs) or 500. Status is exact, but {@code oom_badness} reads the RSS counters with
 * {@code get_mm_counter}, which leaves out what each CPU still holds of them ({@link RssStat}), so
 * the score changes up to a batch of 32 pages late. Every one of the 360003 rows must give its
 * recorded score.
 */
class TruthOomStepTest {
  private static final String DIR = "/truth/oom/step/";

  /** A row: step, adj, RssAnon, RssFile, RssShmem, VmSwap, VmPTE (kB), oom_score. */
  private record Row(
      long step, int adj, long anon, long file, long shmem, long swap, long pte, long score) {}

  /** Each run's trace and the truth's fit of it. */
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of("step2_adj0_then_1000.tsv.gz", "fit_step2.txt"),
        Arguments.of("step2_adj0_then_1000_run2.tsv.gz", "fit_step2_run2.txt"),
        Arguments.of("step2_adj0_then_500.tsv.gz", "fit_step2_500.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void everyRowGivesTheRecordedScore(String trace, String fit) throws IOException {
    long[] totalpages = {0};
    List<Row> rows = rows(trace, totalpages);
    long[] phiC = lagOfTheRun(fit);
    List<String> wrong = replay(rows, totalpages[0], new Cpus(2), phiC[0], phiC[1]);
    assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " rows");
  }

  /**
   * The same rows with exact counters (as if {@code oom_badness} read status's numbers) miss as
   * many rows as the truth's own fit says, so the per-CPU deltas are what makes them match.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void exactCountersMissTheRowsTheFitSays(String trace, String fit) throws IOException {
    long[] totalpages = {0};
    List<Row> rows = rows(trace, totalpages);
    Matcher m =
        Pattern.compile("kernel formula: exact-RSS model matches (\\d+)/(\\d+)").matcher(text(fit));
    assertTrue(m.find(), fit);
    long missed = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
    assertTrue(missed > 0, fit);
    long wrong = 0;
    for (Row r : rows) {
      Task t =
          Task.user(
              2,
              "oom_step2",
              r.anon / 4,
              r.file / 4,
              r.shmem / 4,
              r.swap / 4,
              r.pte * 1024,
              0,
              r.adj);
      wrong += oomScore(t, totalpages[0]) == r.score ? 0 : 1;
    }
    assertEquals(missed, wrong);
  }

  /**
   * Feeds the counter changes between rows to one address space's per-CPU counters on CPU 0 and
   * scores each row from what {@code get_mm_counter} then reads. The run starts with CPU 0's anon
   * delta at {@code (-phi) mod 32} and {@code c} pages held by the other deltas (the process ran
   * its start-up on CPU 1 before it pinned itself).
   *
   * @return the rows whose score differs, described
   */
  private static List<String> replay(List<Row> rows, long totalpages, Cpus cpus, long phi, long c) {
    RssStat stat = new RssStat(cpus);
    cpus.runOn(0);
    stat.add(RssStat.MM_ANONPAGES, Math.floorMod(-phi, cpus.batch()));
    long left = c;
    for (int member : new int[] {RssStat.MM_ANONPAGES, RssStat.MM_FILEPAGES}) {
      cpus.runOn(1);
      long part = Math.min(left, cpus.batch() - 1);
      stat.add(member, part);
      left -= part;
    }
    cpus.runOn(0);
    stat.add(RssStat.MM_FILEPAGES, left);
    List<String> wrong = new ArrayList<>();
    Row before = null;
    for (Row r : rows) {
      if (before != null) {
        stat.add(RssStat.MM_ANONPAGES, (r.anon - before.anon) / 4);
        stat.add(RssStat.MM_FILEPAGES, (r.file - before.file) / 4);
        stat.add(RssStat.MM_SHMEMPAGES, (r.shmem - before.shmem) / 4);
        stat.add(RssStat.MM_SWAPENTS, (r.swap - before.swap) / 4);
      }
      Task t =
          Task.user(
              2,
              "oom_step2",
              stat.read(RssStat.MM_ANONPAGES, r.anon / 4),
              stat.read(RssStat.MM_FILEPAGES, r.file / 4),
              stat.read(RssStat.MM_SHMEMPAGES, r.shmem / 4),
              stat.read(RssStat.MM_SWAPENTS, r.swap / 4),
              r.pte * 1024,
              0,
              r.adj);
      long score = oomScore(t, totalpages);
      if (score != r.score) {
        wrong.add("step " + r.step + ": " + score + ", Linux " + r.score);
      }
      before = r;
    }
    return wrong;
  }

  /** The oom_score with {@code totalpages} = RAM + swap (the policy adds them back up). */
  private static long oomScore(Task t, long totalpages) {
    return ReferenceOomPolicy.INSTANCE.oomScore(t.oomTask(), totalpages, 0);
  }

  /** The first (phi, c) the truth's fit found for the kernel formula. */
  private static long[] lagOfTheRun(String fit) throws IOException {
    Matcher m =
        Pattern.compile(
                "kernel formula:.*solutions matching ALL steps e\\.g\\. \\[\\((\\d+), (-?\\d+)\\)")
            .matcher(text(fit));
    assertTrue(m.find(), fit + " names no (phi, c) for the kernel formula");
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  private static List<Row> rows(String trace, long[] totalpages) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(TruthOomStepTest.class.getResourceAsStream(DIR + trace)),
                StandardCharsets.UTF_8))) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        if (l.startsWith("# ")) {
          Matcher m = Pattern.compile("MemTotal_kB=(\\d+) SwapTotal_kB=(\\d+)").matcher(l);
          assertTrue(m.find(), l);
          totalpages[0] = Long.parseLong(m.group(1)) / 4 + Long.parseLong(m.group(2)) / 4;
        } else if (!l.startsWith("step")) {
          String[] f = l.split("\t");
          rows.add(
              new Row(
                  Long.parseLong(f[0]),
                  Integer.parseInt(f[1]),
                  Long.parseLong(f[2]),
                  Long.parseLong(f[3]),
                  Long.parseLong(f[4]),
                  Long.parseLong(f[5]),
                  Long.parseLong(f[6]),
                  Long.parseLong(f[7])));
        }
      }
    }
    assertEquals(120001, rows.size(), trace);
    return rows;
  }

  private static String text(String fit) throws IOException {
    try (var in = TruthOomStepTest.class.getResourceAsStream(DIR + fit)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
