package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.MemAvailable;
import dev.pagelab.sim.proc.ZoneinfoParser;
import dev.pagelab.sim.proc.ZoneinfoParser.ZoneStats;
import dev.pagelab.sim.tools.MeminfoFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page-cache states of {@code shared/truth/free} 02 to 06 (idle, a 1 GiB {@code dd} to /tmp,
 * {@code sync}, {@code cat} of the file, {@code rm}) replayed on the simulator: each step changes
 * Cached, Dirty, Active(file), Inactive(file) and buff/cache by what Linux showed, and
 * MemAvailable, recomputed from the real machine's previous state plus the simulated changes with
 * that machine's watermarks, lands where the kernel's did.
 */
class TruthBuffCacheTest {
  private static final long TOLERANCE_KB = 1024;
  private static final String FILE = "/tmp/free_test_1g.bin";

  @Test
  void ddSyncCatRmMoveTheCacheAsOnLinux() throws Exception {
    Machine m = new Machine(MachineConfig.DEFAULT);
    List<Map<String, Long>> sim = new ArrayList<>();
    sim.add(ProcFs.meminfoFields(m));
    m.write(FILE, 0, 1L << 30);
    sim.add(ProcFs.meminfoFields(m));
    m.sync();
    sim.add(ProcFs.meminfoFields(m));
    m.read(FILE);
    sim.add(ProcFs.meminfoFields(m));
    m.unlink(FILE);
    sim.add(ProcFs.meminfoFields(m));
    m.checkInvariants();
    for (int i = 1; i < sim.size(); i++) {
      String before = String.format("%02d", i + 1);
      String after = String.format("%02d", i + 2);
      MeminfoFile t0 = meminfo(before);
      MeminfoFile t1 = meminfo(after);
      String step = before + "->" + after + " ";
      for (String field : List.of("Cached", "Dirty", "Active(file)", "Inactive(file)")) {
        if (field.equals("Dirty") && t1.getOrZero(field) == 0) {
          // sync also wrote what other programs had dirtied: compare the end state.
          near(step + field + " after", 0, sim.get(i).get(field));
          continue;
        }
        long real = t1.getOrZero(field) - t0.getOrZero(field);
        long mine = sim.get(i).get(field) - sim.get(i - 1).get(field);
        near(step + field, real, mine);
      }
      near(
          step + "buff/cache",
          buffCache(t1) - buffCache(t0),
          buffCache(sim.get(i)) - buffCache(sim.get(i - 1)));
      near(
          step + "MemAvailable",
          t1.getOrZero("MemAvailable"),
          predictedAvailable(after, t0, t1, sim.get(i - 1), sim.get(i)));
    }
  }

  /**
   * si_mem_available of the real machine's state before the step, moved by the simulated changes of
   * the page cache and the reclaimable slab (MemFree moves by the real change: other programs ran
   * on that machine too).
   */
  private static long predictedAvailable(
      String after, MeminfoFile t0, MeminfoFile t1, Map<String, Long> s0, Map<String, Long> s1)
      throws Exception {
    List<ZoneStats> zones =
        ZoneinfoParser.parse(read("free/" + after + ".zoneinfo"), after + ".zoneinfo");
    long reserve = 0;
    long low = 0;
    for (ZoneStats z : zones) {
      long maxProtection = z.protection().stream().mapToLong(Long::longValue).max().orElse(0);
      reserve += Math.min(z.managed(), maxProtection + z.high());
      low += z.low();
    }
    long pages =
        MemAvailable.pages(
            new MemAvailable.Counters(
                t1.getOrZero("MemFree") / 4,
                (t0.getOrZero("Active(file)") + delta(s0, s1, "Active(file)")) / 4,
                (t0.getOrZero("Inactive(file)") + delta(s0, s1, "Inactive(file)")) / 4,
                (t0.getOrZero("KReclaimable") + delta(s0, s1, "KReclaimable")) / 4),
            reserve,
            low);
    return pages * 4;
  }

  private static long delta(Map<String, Long> s0, Map<String, Long> s1, String field) {
    return s1.get(field) - s0.get(field);
  }

  private static long buffCache(MeminfoFile f) {
    return f.getOrZero("Buffers") + f.getOrZero("Cached") + f.getOrZero("SReclaimable");
  }

  private static long buffCache(Map<String, Long> f) {
    return f.get("Buffers") + f.get("Cached") + f.get("SReclaimable");
  }

  private static void near(String what, long real, long mine) {
    assertTrue(
        Math.abs(real - mine) <= TOLERANCE_KB,
        what + ": Linux " + real + " kB, simulator " + mine + " kB");
  }

  private static MeminfoFile meminfo(String nn) throws Exception {
    return MeminfoFile.parse(nn + ".meminfo", read("free/" + nn + ".meminfo"));
  }

  private static String read(String path) throws IOException {
    try (InputStream in = TruthBuffCacheTest.class.getResourceAsStream("/truth/" + path)) {
      if (in == null) {
        throw new IllegalStateException("read: no test resource truth/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
