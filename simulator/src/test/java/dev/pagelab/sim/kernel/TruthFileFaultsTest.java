package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the file-mapping experiments of {@code shared/truth/faults} ({@code filefaults.c} on a
 * 100 MiB file, {@code read_ahead_kb} 8192) and compares the fault counts with Linux 6.18, and the
 * folio sizes readahead leaves in the page cache with {@code pagemap/pagecache_folios.txt}.
 */
class TruthFileFaultsTest {
  private static final String PATH = "/tmp/faults_file.bin";

  private Machine machine;

  @AfterEach
  void invariantsHold() {
    if (machine != null) {
      machine.checkInvariants();
    }
  }

  /** One row of {@code file_summary.tsv}. */
  record FileCase(
      String cache, String mode, String touch, String advice, long minLo, long minHi, long maj) {
    @Override
    public String toString() {
      return cache + " " + mode + " " + touch + " " + advice;
    }

    /**
     * A cold read through readahead (no advice or {@code MADV_SEQUENTIAL}): the task sleeps on
     * folios whose reads are in flight, and each time it wakes, its retried fault-around races the
     * completion handler that unlocks the rest of its window ({@code mpage_end_io}, one folio after
     * another, on the other CPU). A window it finds partly locked costs one fault more, so Linux's
     * runs vary, by up to 7 here.
     */
    boolean racesItsReads() {
      return cache.equals("cold") && touch.equals("read") && !advice.equals("random");
    }
  }

  static Stream<FileCase> fileCases() throws IOException {
    List<FileCase> cases = new ArrayList<>();
    for (String[] f : rows("/truth/faults/file_summary.tsv", true)) {
      String[] min = f[5].split("\\.\\.");
      cases.add(
          new FileCase(
              f[0],
              f[1],
              f[2],
              f[3],
              Long.parseLong(min[0]),
              Long.parseLong(min[min.length - 1]),
              Long.parseLong(f[6])));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileCases")
  void fileMappingFaultsAsOnLinux(FileCase c) throws Exception {
    machine = new Machine(MachineConfig.DEFAULT);
    MappedFile file = machine.file(PATH, 100L << 20);
    if (c.cache().equals("warm")) {
      run(c); // the previous run of run_file.sh filled the cache
    } else if (c.cache().equals("warm_cat")) {
      machine.read(PATH);
    }
    long pages = machine.pageCache().size(file) >>> 12;
    long[] r = run(c);
    assertEquals(c.maj(), r[1], "major faults");
    if (c.racesItsReads()) {
      long floor = coldReadaheadFloor();
      assertEquals(
          floor,
          r[0],
          "minor faults: a cold read through readahead that loses no completion race takes the"
              + " fewest faults any Linux run took ("
              + floor
              + "); this case's runs took "
              + c.minLo()
              + ".."
              + c.minHi());
      assertTrue(r[0] <= c.minLo(), "no Linux run of this case took fewer faults");
    } else {
      assertTrue(
          r[0] >= c.minLo() && r[0] <= c.minHi(),
          "minor faults " + r[0] + ", Linux " + c.minLo() + ".." + c.minHi());
    }
    boolean privateWrite = c.mode().equals("private") && c.touch().equals("write");
    assertEquals(privateWrite ? pages : 0, r[3], "RssAnon growth in pages");
    assertEquals(privateWrite ? 0 : pages, r[2], "RssFile growth in pages");
    long[] pte = vmPteGrowth().get(c.toString());
    assertTrue(
        r[4] >= pte[0] && r[4] <= pte[1],
        "VmPTE growth "
            + r[4]
            + " kB, Linux "
            + pte[0]
            + ".."
            + pte[1]
            + " kB (2 MiB page-cache folios mapped by PMDs need no PTE table)");
  }

  /**
   * How much VmPTE grew in Linux's runs of each case ({@code file_faults.tsv}), in kB, lowest and
   * highest: some runs placed the mapping so that it needed one more table.
   */
  static Map<String, long[]> vmPteGrowth() throws IOException {
    Map<String, long[]> growth = new TreeMap<>();
    for (String[] c : rows("/truth/faults/file_faults.tsv", true)) {
      String key = c[1] + " " + c[2] + " " + c[3] + " " + c[4];
      long d = Long.parseLong(c[15]) - Long.parseLong(c[14]);
      growth.merge(
          key,
          new long[] {d, d},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    return growth;
  }

  /**
   * The fewest minor faults of all Linux's cold readahead reads of the file: the rows of {@code
   * file_summary.tsv} and the cold mmap fills of {@code pagecache_folios.txt}. It is the count of a
   * run that lost no race: the warm count less the first fault, which is major.
   */
  static long coldReadaheadFloor() throws IOException {
    long floor = Long.MAX_VALUE;
    for (FileCase c : fileCases().toList()) {
      if (c.racesItsReads()) {
        floor = Math.min(floor, c.minLo());
      }
    }
    Pattern fill = Pattern.compile("^rep\\d+ cold, filled by mmap read faults.* minflt=(\\d+) .*");
    for (String[] f : rows("/truth/pagemap/pagecache_folios.txt", false)) {
      Matcher m = fill.matcher(f[0]);
      if (m.matches()) {
        floor = Math.min(floor, Long.parseLong(m.group(1)));
      }
    }
    return floor;
  }

  /**
   * The reading behind {@link #coldReadaheadFloor}, checked on Linux's numbers: the fewest faults
   * of a cold run are the warm runs' faults (the same folios) with the first one major.
   */
  @Test
  void theFewestColdFaultsAreTheWarmFaultsLessTheMajorOne() throws IOException {
    for (FileCase warm : fileCases().toList()) {
      if (warm.cache().equals("warm")
          && warm.touch().equals("read")
          && !warm.advice().equals("random")) {
        assertEquals(warm.minLo(), warm.minHi(), warm + ": warm runs do not vary");
        assertEquals(warm.minLo() - 1, coldReadaheadFloor(), warm.toString());
      }
    }
  }

  /** One fresh process maps the file, applies the advice and touches every page. */
  private long[] run(FileCase c) throws Exception {
    Process p = machine.spawn("filefaults", "/tmp/filefaults");
    boolean write = c.touch().equals("write");
    long len = 100L << 20;
    long at =
        machine.mmap(
            p, 0, len, write ? Prot.RW : Prot.R, c.mode().equals("shared"), false, PATH, 0);
    if (!c.advice().equals("none")) {
      machine.madvise(
          p, at, len, c.advice().equals("random") ? Madvice.RANDOM : Madvice.SEQUENTIAL);
    }
    long pte0 = p.mm().tables().pgtablesBytes();
    long file0 = p.mm().rssFile();
    long anon0 = p.mm().rssAnon();
    long min0 = p.minFlt();
    long maj0 = p.majFlt();
    for (long off = 0; off < len; off += 4096) {
      machine.access(p, at + off, write ? AccessType.WRITE : AccessType.READ);
    }
    long[] r = {
      p.minFlt() - min0,
      p.majFlt() - maj0,
      p.mm().rssFile() - file0,
      p.mm().rssAnon() - anon0,
      (p.mm().tables().pgtablesBytes() - pte0) / 1024
    };
    machine.exit(p, 0);
    return r;
  }

  /** How each way of filling the cache splits the file into folios. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("folioCases")
  void readaheadMakesTheFoliosLinuxMade(String label, Map<Integer, Long> expected)
      throws Exception {
    machine = new Machine(MachineConfig.DEFAULT);
    MappedFile file = machine.file(PATH, 100L << 20);
    if (label.contains("cat")) {
      machine.read(PATH);
    } else {
      String advice = label.contains("RANDOM") ? "random" : "none";
      run(new FileCase("cold", "private", "read", advice, 0, 0, 0));
    }
    Map<Integer, Long> histogram = new TreeMap<>();
    for (Folio f : machine.pageCache().folios(file)) {
      histogram.merge(f.pages() * 4, 1L, Long::sum);
    }
    assertEquals(expected, histogram, "folio sizes in KiB -> count");
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> folioCases() throws IOException {
    Pattern line = Pattern.compile("^rep1 ([^:]*):.*folios_by_size: (.*)$");
    List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
    for (String[] f : rows("/truth/pagemap/pagecache_folios.txt", false)) {
      Matcher m = line.matcher(f[0]);
      if (!m.matches() || m.group(1).startsWith("warm")) {
        continue;
      }
      Map<Integer, Long> h = new TreeMap<>();
      for (String part : m.group(2).trim().split(" ")) {
        String[] kv = part.split("KiB:");
        h.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
      }
      cases.add(org.junit.jupiter.params.provider.Arguments.of(m.group(1).trim(), h));
    }
    return cases.stream();
  }

  private static List<String[]> rows(String resource, boolean header) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                TruthFileFaultsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      if (header) {
        r.readLine();
      }
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        rows.add(header ? l.split("\t") : new String[] {l});
      }
    }
    return rows;
  }
}
