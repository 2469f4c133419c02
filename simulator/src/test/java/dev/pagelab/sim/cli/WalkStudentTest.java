package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pagelab walk --walker student}: a student's walker, compiled here from source as a student
 * would write it (right, or with a known mistake), is traced entry by entry and compared with the
 * reference on the demo process.
 */
class WalkStudentTest {
  @TempDir Path dir;

  /** A plain student walker; {@code SHIFT} and {@code SET_A} are where the mutants differ. */
  private static final String WALKER =
      """
      package dev.pagelab.exercises.pagewalk;

      import dev.pagelab.sim.spi.*;

      public final class Walker implements PageTableWalker {
        @Override
        public WalkResult walk(
            PhysicalMemoryView memory, long root, long va, Access access, PagingMode mode) {
          int unused = 64 - mode.virtualBits();
          if ((va << unused) >> unused != va) {
            return new WalkResult.PageFault(0, 0, FaultReason.NON_CANONICAL);
          }
          int bits = (access.isWrite() ? Pte.PFEC_W : 0) | (access.user() ? Pte.PFEC_U : 0);
          boolean w = true, u = true, x = true;
          long table = root;
          long[] path = new long[6];
          for (int level = mode.levels(); level >= 1; level--) {
            long at = table + 8 * ((va >>> (SHIFT)) & 0x1ff);
            path[level] = at;
            long e = memory.readLong(at);
            if ((e & Pte.PTE_P) == 0) {
              return new WalkResult.PageFault(bits, level, FaultReason.NOT_PRESENT);
            }
            w &= (e & Pte.PTE_RW) != 0;
            u &= (e & Pte.PTE_US) != 0;
            x &= (e & Pte.PTE_NX) == 0;
            if (level == 1 || (e & Pte.PTE_PS) != 0) {
              if ((access.user() && !u) || (access.isWrite() && !w) || (access.isExecute() && !x)) {
                return new WalkResult.PageFault(Pte.PFEC_P | bits, level, FaultReason.PROTECTION);
              }
              for (int l = mode.levels(); l >= level; l--) {
                long old = memory.readLong(path[l]);
                long now = old | SET_A | (l == level && access.isWrite() ? Pte.PTE_D : 0);
                if (now != old) {
                  memory.writeLong(path[l], now);
                }
              }
              PageSize size = PageSize.ofLevel(level);
              long frame = e & Pte.PTE_ADDR_MASK & ~size.offsetMask();
              return new WalkResult.Translation(
                  frame | (va & size.offsetMask()), size, level, w, u, x);
            }
            table = e & Pte.PTE_ADDR_MASK;
          }
          throw new IllegalStateException("no leaf");
        }
      }
      """;

  private static final String RIGHT_SHIFT = "12 + 9 * (level - 1)";

  /** Compiles {@code source} as the student's Walker and returns the classes directory. */
  private Path compile(String source) throws IOException {
    Path src = dir.resolve("src/dev/pagelab/exercises/pagewalk/Walker.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path out = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    String classpath = System.getProperty("java.class.path");
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("--release", "17", "-cp", classpath, "-d", out.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src))
            .call();
    assertTrue(ok, errors.toString());
    return out;
  }

  private CliRun walk(String source, String... args) throws IOException {
    Path classes = compile(source);
    String[] all = new String[args.length + 5];
    all[0] = "walk";
    all[1] = "--walker";
    all[2] = "student";
    all[3] = "--classes";
    all[4] = classes.toString();
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.pagelab(all);
  }

  private static String walker(String shift, String setA) {
    return WALKER.replace("SHIFT", shift).replace("SET_A", setA);
  }

  @Test
  void aRightWalkerIsTracedLevelByLevelAndMatches() throws IOException {
    CliRun o = walk(walker(RIGHT_SHIFT, "Pte.PTE_A"));
    assertEquals(0, o.status(), o.err());
    String out = o.out();
    assertTrue(out.contains("A and D cleared in the 4 entries on the path"), out);
    for (String entry :
        new String[] {"PML4[255], level 4", "PDPT[511], level 3", "PT[0], level 1"}) {
      assertTrue(out.contains("#   read  ") && out.contains(entry), entry + "\n" + out);
    }
    assertTrue(out.lines().anyMatch(l -> l.startsWith("#   write") && l.contains("sets A ")), out);
    assertTrue(out.contains("# MATCH: the same entries read"), out);
    assertTrue(out.contains("offset 0x123"), "the default address has an offset: " + out);
  }

  @Test
  void aWriteShowsTheDirtyBitSetInTheLeafOnly() throws IOException {
    CliRun o = walk(walker(RIGHT_SHIFT, "Pte.PTE_A"), "--write");
    assertEquals(0, o.status(), o.err());
    assertTrue(
        o.out().lines().anyMatch(l -> l.contains("sets A D") && l.contains("PT[0], level 1")),
        o.out());
    assertTrue(
        o.out().lines().noneMatch(l -> l.contains("sets A D") && l.contains("level 4")), o.out());
    assertTrue(o.out().contains("# MATCH"), o.out());
  }

  @Test
  void anIndexOneLevelOffIsMarkedAtTheFirstLevelItReadsWrong() throws IOException {
    CliRun o = walk(walker("12 + 9 * level", "Pte.PTE_A"));
    assertEquals(0, o.status(), o.err());
    String out = o.out();
    assertTrue(out.contains("# DIFFER at level 4 (PML4): your walker read 0x"), out);
    assertTrue(out.contains("where the reference reads the PML4E (level 4): PML4[255]"), out);
    assertEquals(1, out.lines().filter(l -> l.endsWith("<== first difference")).count(), out);
    assertTrue(
        out.lines()
            .filter(l -> l.endsWith("<== first difference"))
            .allMatch(l -> l.contains("not an entry of this address's path")),
        out);
  }

  @Test
  void aWalkerThatNeverSetsAccessedDiffersInTheTopEntry() throws IOException {
    CliRun o = walk(walker(RIGHT_SHIFT, "0"));
    assertEquals(0, o.status(), o.err());
    String out = o.out();
    assertTrue(
        out.contains("# DIFFER at level 4 (PML4): after the walk the PML4E (level 4) should hold"),
        out);
    assertTrue(out.contains("(P RW US A) but your walker left"), out);
    assertTrue(out.contains("a successful read sets A in every entry of the path"), out);
    assertTrue(out.contains("# your walker:  physical 0x"), "the results agree: " + out);
  }

  @Test
  void anUnmappedAddressIsSaidToBeUnmappedAndNotCalledAMatch() throws IOException {
    CliRun o = walk(walker(RIGHT_SHIFT, "Pte.PTE_A"), "0x7f5aefff6123");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("# 0x7f5aefff6123 is not mapped in demo"), o.out());
    assertTrue(o.out().contains("# SAME FAULT: both walks fault here"), o.out());
    assertFalse(o.out().contains("MATCH"), o.out());
  }

  @Test
  void anUntouchedPageOfBufIsSaidToBeMappedButNotTouched() throws IOException {
    CliRun o = walk(walker(RIGHT_SHIFT, "Pte.PTE_A"), "0x7ffff7801000");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("is inside the mapping 0x7ffff7800000-0x7ffff7c00000"), o.out());
  }

  @Test
  void aWalkerThatThrowsIsTracedUpToTheThrowAndExitsWith1() throws IOException {
    String throwing =
        walker(RIGHT_SHIFT, "Pte.PTE_A")
            .replace("w &= (e & Pte.PTE_RW) != 0;", "w &= (e & Pte.PTE_RW) != 0 / (level - 2);");
    CliRun o = walk(throwing);
    assertEquals(1, o.status());
    assertTrue(
        o.err().startsWith("pagelab: dev.pagelab.exercises.pagewalk.Walker.walk(0x7ffff7800123"),
        o.err());
    assertTrue(o.err().contains("ArithmeticException"), o.err());
    assertTrue(o.out().contains("PD[444], level 2"), "the reads before the throw: " + o.out());
    assertTrue(o.out().contains("\nPT "), "the reference walk still follows: " + o.out());
  }
}
