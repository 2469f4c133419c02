package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cli.policies.OomTestPolicies;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pagelab oom --proc}: the 82 processes of {@code truth/oom/snapshot1} (Linux 6.18), laid
 * out as {@code /proc} in a temporary directory, each reproduce their recorded {@code oom_score};
 * bad files give one-line errors.
 */
class OomCommandTest {
  @TempDir Path proc;

  private final Map<Integer, Long> recorded = new HashMap<>();

  /** Copies raw/PID.{status,stat,oom_score,oom_score_adj} to PID/..., and writes a meminfo. */
  @BeforeEach
  void layOut() throws IOException, URISyntaxException {
    Path raw = Path.of(getClass().getResource("/truth/oom/snapshot1/raw").toURI());
    String meta = Files.readString(raw.resolveSibling("meta.json"));
    long memTotal = Long.parseLong(meta.replaceAll("(?s).*\"MemTotal_kB_before\": (\\d+).*", "$1"));
    long swapTotal =
        Long.parseLong(meta.replaceAll("(?s).*\"SwapTotal_kB_before\": (\\d+).*", "$1"));
    Files.writeString(
        proc.resolve("meminfo"),
        String.format("MemTotal:       %8d kB%nSwapTotal:      %8d kB%n", memTotal, swapTotal));
    try (Stream<Path> files = Files.list(raw)) {
      for (Path f : files.toList()) {
        String[] parts = f.getFileName().toString().split("\\.", 2);
        Path dir = Files.createDirectories(proc.resolve(parts[0]));
        Files.copy(f, dir.resolve(parts[1]));
        if (parts[1].equals("oom_score")) {
          recorded.put(Integer.parseInt(parts[0]), Long.parseLong(Files.readString(f).strip()));
        }
      }
    }
  }

  /** The table rows: PID RSS SWAP PGTABLES ADJ BADNESS OOM_SCORE KERNEL COMM NOTE. */
  private static Map<Integer, String[]> rows(String out) {
    Map<Integer, String[]> rows = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] w = line.strip().split("\\s+");
      if (w.length >= 9 && w[0].chars().allMatch(Character::isDigit)) {
        rows.put(Integer.parseInt(w[0]), w);
      }
    }
    return rows;
  }

  @Test
  void everyProcessOfTheSnapshotGetsItsRecordedOomScore() throws IOException {
    // the kernel's own oom_score files must not be what the command prints
    try (Stream<Path> dirs = Files.list(proc)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Files.delete(d.resolve("oom_score"));
      }
    }
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertEquals(0, r.status(), r.err());
    Map<Integer, String[]> rows = rows(r.out());
    assertEquals(82, recorded.size());
    assertEquals(recorded.keySet(), rows.keySet());
    for (Map.Entry<Integer, Long> e : recorded.entrySet()) {
      assertEquals(
          Long.toString(e.getValue()), rows.get(e.getKey())[6], "oom_score of pid " + e.getKey());
    }
    assertTrue(r.out().contains("victim: pid 25974 (holdmem)"), r.out());
    assertTrue(rows.get(25974)[9].equals("<-"), "victim marked");
    assertEquals("unkillable:", rows.get(1)[9]);
    assertEquals("unkillable:", rows.get(2)[9]);
  }

  @Test
  void everyValueStandsUnderItsHeader() {
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    List<String> lines = r.out().lines().toList();
    String header = lines.stream().filter(l -> l.strip().startsWith("PID ")).findFirst().get();
    String row = lines.stream().filter(l -> l.contains("<- victim")).findFirst().get();
    String[] names = header.strip().split("\\s+");
    assertEquals(
        List.of(
            "PID",
            "RSS",
            "SWAP",
            "PGTABLES",
            "ADJ",
            "BADNESS",
            "OOM_SCORE",
            "KERNEL",
            "COMM",
            "NOTE"),
        List.of(names));
    // numbers are right-aligned under their header, the name and the note left-aligned
    String[] values = row.strip().split("\\s+");
    for (int i = 0; i < 8; i++) {
      int headerEnd = header.indexOf(" " + names[i] + " ") + names[i].length() + 1;
      if (i == 0) {
        headerEnd = header.indexOf(names[0]) + names[0].length();
      }
      int valueEnd = row.indexOf(values[i], i == 0 ? 0 : headerEnd - values[i].length());
      assertEquals(headerEnd, valueEnd + values[i].length(), names[i] + "\n" + header + "\n" + row);
    }
    assertEquals(header.indexOf("COMM"), row.indexOf("holdmem"), header + "\n" + row);
    assertEquals(header.indexOf("NOTE"), row.indexOf("<- victim"), header + "\n" + row);
  }

  @Test
  void showsTheKernelsOwnScoreNextToTheComputedOne() {
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    for (String[] row : rows(r.out()).values()) {
      assertEquals(row[7], row[6], "computed vs /proc/" + row[0] + "/oom_score");
    }
  }

  @Test
  void countsTheScoresThatMatchTheKernels() {
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertTrue(
        r.out().endsWith("oom_score: 82/82 match the kernel's " + proc + "/PID/oom_score\n"),
        r.out());
    assertTrue(!r.out().contains("DIFFERS"), r.out());
    String header = r.out().lines().filter(l -> l.strip().startsWith("PID")).findFirst().get();
    assertEquals(
        List.of("PID RSS SWAP PGTABLES ADJ BADNESS OOM_SCORE KERNEL COMM NOTE".split(" ")),
        List.of(header.strip().split("\\s+")),
        "the header names the columns in the rows' order");
  }

  @Test
  void anotherPolicysScoresAreComparedWithTheKernels() throws URISyntaxException {
    String classes =
        Path.of(OomTestPolicies.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String plusOne = OomTestPolicies.class.getName() + "$ScorePlusOne";
    CliRun r =
        CliRun.pagelab(
            "oom", "--proc", proc.toString(), "--oom-policy", plusOne, "--classes", classes);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("scored by " + plusOne + "\n"), r.out());
    assertTrue(r.out().contains("oom_score: 0/82 match"), r.out());
    String[] init = rows(r.out()).get(1);
    assertEquals("1", init[6], "init: 0 + 1");
    assertEquals("DIFFERS", init[9]);
    CliRun stub =
        CliRun.pagelab(
            "oom",
            "--proc",
            proc.toString(),
            "--oom-policy",
            OomTestPolicies.class.getName() + "$NotStarted",
            "--classes",
            classes);
    assertEquals(1, stub.status());
    assertEquals(1, stub.err().lines().count(), stub.err());
    assertTrue(
        stub.err().contains("NotStarted.chooseVictim(global OOM, current pid 0"), stub.err());
  }

  @Test
  void memcgLimitChangesTotalpagesAndTheBadness() {
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString(), "--memcg-limit", "209715200");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("memcg OOM: totalpages 51200 (limit 209715200 bytes)"), r.out());
    // 25979: rss 2624 kB = 656 pages, VmPTE 44 kB = 11 pages, adj 1000 * (51200 / 1000) = 51000
    assertEquals("51667", rows(r.out()).get(25979)[5]);
  }

  @Test
  void kernelThreadFoundByStatFlagsWithoutAKthreadLine() throws IOException {
    Path status = proc.resolve("2/status");
    List<String> kept =
        Files.readAllLines(status).stream().filter(l -> !l.startsWith("Kthread:")).toList();
    Files.write(status, kept);
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertEquals("unkillable:", rows(r.out()).get(2)[9], r.out());
  }

  @Test
  void badOomScoreAdjIsOneLineNamingFileAndValue() throws IOException {
    Files.writeString(proc.resolve("25960/oom_score_adj"), "2000\n");
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + proc.resolve("25960/oom_score_adj")
            + ":1: value \"2000\": expected a whole number from -1000 to 1000\n",
        r.err());
  }

  @Test
  void badStatusLineNamesFileLineAndValue() throws IOException {
    Path status = proc.resolve("25960/status");
    Files.writeString(
        status, Files.readString(status).replaceFirst("RssAnon:\t[^\n]*", "RssAnon:\tlots"));
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertEquals(1, r.status());
    assertTrue(
        r.err().matches("pagelab: .*25960/status:\\d+: field \"RssAnon\" has value \"lots\".*\n"),
        r.err());
  }

  @Test
  void missingMeminfoAndMissingDirectory() throws IOException {
    Files.delete(proc.resolve("meminfo"));
    CliRun r = CliRun.pagelab("oom", "--proc", proc.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("meminfo: no such file"), r.err());
    CliRun usage = CliRun.pagelab("oom", "--proc", proc.toString(), "--memcg-limit", "10");
    assertEquals(2, usage.status());
  }
}
