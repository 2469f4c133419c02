package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ps -o} layout, with expected text worked out from procps-ng 4.0.2 {@code src/ps/output.c
 * show_one_proc} (see the comments) and, where noted, copied from the course notes or from the real
 * ps 4.0.2.
 */
class PsTest {
  private static final int PID_MAX = 32768;

  private static String ps(List<PsRow> rows, boolean headers, String... formats)
      throws InputException {
    return Ps.render(rows, Ps.parseFormat(List.of(formats), PID_MAX), headers, 24684092);
  }

  /**
   * The course notes' capture.sh lines ({@code ps --no-headers -o vsz,rss,maj_flt,min_flt}): a
   * 6-digit RSS overflows its 5 columns and MAJFL gives the column back.
   */
  @Test
  void reproducesTheCourseNotesTimeline() throws InputException {
    List<PsRow> rows =
        List.of(
            PsRow.of(1, 0, "python3", 16128, 9252, 0, 1107),
            PsRow.of(1, 0, "python3", 118528, 93224, 0, 1594),
            PsRow.of(1, 0, "python3", 118528, 103464, 0, 1599));
    String expected =
        """
         16128  9252      0   1107
        118528 93224      0   1594
        118528 103464     0   1599
        """;
    assertEquals(expected, ps(rows, false, "vsz,rss,maj_flt,min_flt"));
  }

  /**
   * Header and row: PID ends at column 5, COMMAND starts at 6 and reserves 15, VSZ is right-aligned
   * in 6 after one blank, and so on; the too-long RSS shifts MAJFL's padding.
   */
  @Test
  void headerAndRowAlign() throws InputException {
    PsRow r = PsRow.of(4242, 1, "demand-paging.p", 118528, 103464, 0, 1599);
    String expected =
        """
          PID COMMAND            VSZ   RSS  MAJFL  MINFL
         4242 demand-paging.p 118528 103464     0   1599
        """;
    assertEquals(expected, ps(List.of(r), true, "pid,comm,vsz,rss,maj_flt,min_flt"));
  }

  @Test
  void repeatedOptionsAndBlanksJoin() throws InputException {
    PsRow r = PsRow.of(4242, 1, "demand-paging.p", 118528, 103464, 0, 1599);
    assertEquals(
        ps(List.of(r), true, "pid,comm,vsz,rss,maj_flt,min_flt"),
        ps(List.of(r), true, "pid", "comm vsz", "rss,maj_flt", "min_flt"));
  }

  /** Text columns are cut to their width unless last; the last one is never padded. */
  @Test
  void textColumnsCutUnlessLast() throws InputException {
    PsRow r =
        PsRow.of(7, 1, "a-very-long-command-name", 10, 20, 0, 0)
            .withArgs("/usr/bin/python3 demand-paging.py --size 100M --rate 10M");
    String expected =
        """
        COMMAND         COMMAND                       PID
        a-very-long-com /usr/bin/python3 demand-pag     7
        """;
    assertEquals(expected, ps(List.of(r), true, "comm,args,pid"));
    assertEquals(
        "  PID COMMAND\n    7 /usr/bin/python3 demand-paging.py --size 100M --rate 10M\n",
        ps(List.of(r), true, "pid,args"));
  }

  /** What the real ps 4.0.2 printed for {@code -o vsz=VIRT,rss=,pid=PROCESS_ID_LONG_HEADER}. */
  @Test
  void renamedHeadersWidenColumns() throws InputException {
    PsRow r = PsRow.of(1, 0, "init", 43752, 13960, 0, 0);
    assertEquals(
        "  VIRT       PROCESS_ID_LONG_HEADER\n 43752 13960                      1\n",
        ps(List.of(r), true, "vsz=VIRT,rss=,pid=PROCESS_ID_LONG_HEADER"));
    // all headers empty: no header line (sortformat.c check_headers), as with --no-headers
    assertEquals(" 43752 13960\n", ps(List.of(r), true, "vsz=,rss="));
    // an empty last header still gets its separating blank
    assertEquals("  PID \n    1 init\n", ps(List.of(r), true, "pid,comm="));
  }

  @Test
  void pidColumnsWidenToPidMax() throws InputException {
    PsRow r = PsRow.of(4194303, 1, "x", 1, 1, 0, 0);
    List<PsField> f = Ps.parseFormat(List.of("pid,ppid"), 4194304);
    assertEquals("    PID    PPID\n4194303       1\n", Ps.render(List.of(r), f, true, 1));
  }

  @Test
  void statEtimeMemAndZombies() throws InputException {
    PsRow r =
        new PsRow(
            300,
            1,
            "holdmem",
            "./holdmem 2048",
            'S',
            0,
            2105000,
            2101248,
            3,
            524340,
            90061,
            300,
            300,
            -1,
            13,
            4);
    assertEquals(
        "STAT     ELAPSED %MEM NLWP\nSLsl  1-01:01:01  8.5   13\n",
        ps(List.of(r), true, "stat,etime,%mem,nlwp"));
    PsRow z = PsRow.of(301, 300, "sh", 0, 0, 0, 0).withState('Z').withElapsedSeconds(59);
    // args starts at 18 (1+1+15+1) and reserves 27, so ELAPSED (width 11) ends at column 56
    String expected =
        "S COMMAND         COMMAND"
            + " ".repeat(25)
            + "ELAPSED\n"
            + "Z sh <defunct>    [sh] <defunct>"
            + " ".repeat(20)
            + "00:59\n";
    assertEquals(expected, ps(List.of(z), true, "s,comm,args,etime"));
  }

  @Test
  void unknownColumnListsTheKnownOnes() {
    InputException e = assertThrows(InputException.class, () -> ps(List.of(), true, "pid,foo"));
    assertEquals(
        "ps: unknown column \"foo\": known columns are " + String.join(", ", PsColumn.known()),
        e.getMessage());
    e = assertThrows(InputException.class, () -> ps(List.of(), true, "pid,,comm"));
    assertEquals(
        "ps: improper format list \"pid,,comm\": expected names separated by commas",
        e.getMessage());
    e = assertThrows(InputException.class, () -> ps(List.of(), true, ""));
    assertEquals("ps: format specification must follow -o", e.getMessage());
  }
}
