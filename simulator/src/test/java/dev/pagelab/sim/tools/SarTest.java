package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked {@code sar} output: {@code -h} units, the sysstat 12.7 {@code kbmemused}, the {@code
 * pgscan_}/{@code pgsteal_} sums and the C rounding of averages. Every expected number was worked
 * out by hand from the inputs written next to it.
 */
class SarTest {
  private static final LocalTime T0 = LocalTime.of(10, 0, 0);
  private static final LocalTime T1 = LocalTime.of(10, 0, 1);
  private static final LocalTime T2 = LocalTime.of(10, 0, 2);

  /** The meminfo sadc read at r_idle's second sample (values in kB). */
  private static Map<String, Long> rIdle() {
    Map<String, Long> m = new HashMap<>();
    m.put("MemTotal", 24684092L);
    m.put("MemFree", 24512188L);
    m.put("MemAvailable", 24415236L);
    m.put("Buffers", 4824L);
    m.put("Cached", 61488L);
    m.put("Slab", 24568L);
    m.put("Committed_AS", 59852L);
    m.put("SwapTotal", 0L);
    m.put("Active", 27012L);
    m.put("Inactive", 38432L);
    m.put("Dirty", 144L);
    return m;
  }

  private static SarSample mem(LocalTime t, Map<String, Long> m) {
    return new SarSample(0, m, Map.of(), t);
  }

  private static SarSample vm(long uptime, LocalTime t, Map<String, Long> v) {
    return new SarSample(uptime, Map.of(), v, t);
  }

  @Test
  void bannerAndHeaderFollowPrintGalHeaderAndPrintHdrLine() {
    SarHost host = SarHost.linux("6.1.0", "box", LocalDate.of(2024, 3, 9), 8);
    assertEquals("Linux 6.1.0 (box) \t03/09/24 \t_x86_64_\t(8 CPU)\n", Sar.banner(host));
    assertEquals(
        "\n10:00:00     pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s"
            + " pgsteal/s    %vmeff\n",
        Sar.columnHeader(SarOptions.of(SarReport.PAGING), T0));
  }

  @Test
  void memoryLineOf126() {
    // used = 24684092 - (24512188 + 4824 + 61488 + 24568) = 81024; 81024 / 24684092 = 0.328 %
    // %commit = 59852 / (24684092 + 0) = 0.242 %
    assertEquals(
        "10:00:01     24512188  24415236     81024      0.33      4824     61488     59852"
            + "      0.24     27012     38432       144\n",
        Sar.line(SarOptions.of(SarReport.MEMORY), mem(T0, rIdle()), mem(T1, rIdle())));
  }

  @Test
  void humanUnitsDivideBy1024WithOneDecimal() {
    // 24512188 kB = 23.38 GiB, 24415236 kB = 23.28 GiB, 81024 kB = 79.13 MiB, 0.328 % -> 0.3%,
    // 4824 kB = 4.71 MiB, 61488 kB = 60.05 MiB, 59852 kB = 58.45 MiB, 0.242 % -> 0.2%,
    // 27012 kB = 26.38 MiB, 38432 kB = 37.53 MiB, 144 kB stays in kB.
    SarOptions h = new SarOptions(SarReport.MEMORY, true, SysstatVersion.V12_6);
    assertEquals(
        "10:00:01        23.4G     23.3G     79.1M      0.3%      4.7M     60.0M     58.4M"
            + "      0.2%     26.4M     37.5M    144.0k\n",
        Sar.line(h, mem(T0, rIdle()), mem(T1, rIdle())));
  }

  @Test
  void humanUnitBoundaries() {
    // 1023 kB stays "1023.0k"; 1024 kB is "1.0M"; 0 is "0.0k"; 1048575 kB = 1023.999 MiB -> 1024.0M
    Map<String, Long> m = rIdle();
    m.put("MemFree", 1023L);
    m.put("MemAvailable", 1024L);
    m.put("Dirty", 0L);
    m.put("Active", 1048575L);
    SarOptions h = new SarOptions(SarReport.MEMORY, true, SysstatVersion.V12_6);
    String line = Sar.line(h, mem(T0, m), mem(T1, m));
    assertTrue(line.startsWith("10:00:01      1023.0k      1.0M"), line);
    assertTrue(line.contains("   1024.0M"), line);
    assertTrue(line.endsWith("      0.0k\n"), line);
  }

  @Test
  void sysstat127UsesMemAvailable() {
    // 12.7: used = MemTotal - MemAvailable = 24684092 - 24415236 = 268856; 1.0892 % -> 1.09
    SarOptions o = new SarOptions(SarReport.MEMORY, false, SysstatVersion.V12_7);
    String line = Sar.line(o, mem(T0, rIdle()), mem(T1, rIdle()));
    assertEquals(
        "10:00:01     24512188  24415236    268856      1.09      4824", line.substring(0, 61));
    // and the Average line of the same single interval
    String avg = Sar.average(o, List.of(mem(T0, rIdle()), mem(T1, rIdle())));
    assertEquals("Average:     24512188  24415236    268856      1.09", avg.substring(0, 51));
  }

  @Test
  void stealAndScanLinesAreSummedByPrefix() {
    // over itv = 200 (2 s):
    // pgscan_kswapd* : +150 (pgscan_kswapd)                   -> 75.00/s
    // pgscan_direct* : +40 (pgscan_direct) +10 (_throttle)     -> 25.00/s
    // pgscan_khugepaged, pgscan_anon, pgscan_file are not counted
    // pgsteal_*      : kswapd 100 + direct 20 + anon 30 + file 90 = 240 -> 120.00/s
    // %vmeff = 240 / (150 + 50) = 120.00 (kswapd pages count twice, as sysstat adds them)
    Map<String, Long> before = new HashMap<>();
    for (String k :
        List.of(
            "pgpgin",
            "pgpgout",
            "pgfault",
            "pgmajfault",
            "pgfree",
            "pgscan_kswapd",
            "pgscan_direct",
            "pgscan_direct_throttle",
            "pgscan_khugepaged",
            "pgscan_anon",
            "pgscan_file",
            "pgsteal_kswapd",
            "pgsteal_direct",
            "pgsteal_anon",
            "pgsteal_file")) {
      before.put(k, 1000L);
    }
    Map<String, Long> after = new HashMap<>(before);
    after.put("pgpgin", 1001L); // 0.50/s
    after.put("pgfault", 1000L + 12345L); // 6172.50/s
    after.put("pgscan_kswapd", 1150L);
    after.put("pgscan_direct", 1040L);
    after.put("pgscan_direct_throttle", 1010L);
    after.put("pgscan_khugepaged", 9000L);
    after.put("pgscan_anon", 9000L);
    after.put("pgscan_file", 9000L);
    after.put("pgsteal_kswapd", 1100L);
    after.put("pgsteal_direct", 1020L);
    after.put("pgsteal_anon", 1030L);
    after.put("pgsteal_file", 1090L);
    assertEquals(
        "10:00:02         0.50      0.00   6172.50      0.00      0.00     75.00     25.00"
            + "    120.00    120.00\n",
        Sar.line(SarOptions.of(SarReport.PAGING), vm(500, T0, before), vm(700, T2, after)));
    SarOptions h = new SarOptions(SarReport.PAGING, true, SysstatVersion.V12_6);
    assertTrue(Sar.line(h, vm(500, T0, before), vm(700, T2, after)).endsWith("   120.0%\n"));
  }

  @Test
  void noScanMeansZeroEfficiencyAndAverageSpansTheWholePeriod() {
    Map<String, Long> v0 =
        Map.of("pgpgin", 0L, "pgpgout", 0L, "pgfault", 0L, "pgmajfault", 0L, "pgfree", 0L);
    Map<String, Long> v1 =
        Map.of("pgpgin", 0L, "pgpgout", 0L, "pgfault", 100L, "pgmajfault", 0L, "pgfree", 0L);
    Map<String, Long> v2 =
        Map.of("pgpgin", 0L, "pgpgout", 0L, "pgfault", 400L, "pgmajfault", 0L, "pgfree", 0L);
    List<SarSample> s = List.of(vm(0, T0, v0), vm(100, T1, v1), vm(200, T2, v2));
    // lines: 100/s then 300/s; Average: 400 faults over 200 cs = 200/s
    assertEquals(
        "Average:         0.00      0.00    200.00      0.00      0.00      0.00      0.00"
            + "      0.00      0.00\n",
        Sar.average(SarOptions.of(SarReport.PAGING), s));
  }

  @Test
  void averagesRoundHalfToEvenLikePrintf() {
    // Dirty 1 and 2 -> 1.5 -> "2"; Buffers 2 and 3 -> 2.5 -> "2" (printf rounds the exact
    // binary value half to even, Java's HALF_UP would print 3)
    Map<String, Long> a = rIdle();
    Map<String, Long> b = rIdle();
    a.put("Dirty", 1L);
    b.put("Dirty", 2L);
    a.put("Buffers", 2L);
    b.put("Buffers", 3L);
    String avg =
        Sar.average(SarOptions.of(SarReport.MEMORY), List.of(mem(T0, a), mem(T1, a), mem(T2, b)));
    String[] cols = avg.trim().split(" +");
    assertEquals("2", cols[5], avg); // kbbuffers
    assertEquals("2", cols[11], avg); // kbdirty
  }

  @Test
  void missingFieldFailsLoudlyWithTheMethodName() {
    Map<String, Long> m = rIdle();
    m.remove("Slab");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Sar.line(SarOptions.of(SarReport.MEMORY), mem(T0, m), mem(T1, m)));
    assertTrue(e.getMessage().startsWith("Sar.line:"), e.getMessage());
    assertTrue(e.getMessage().contains("Slab"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Sar.render(
                SarHost.linux("r", "h", LocalDate.of(2026, 1, 1), 1),
                SarOptions.of(SarReport.MEMORY),
                List.of(mem(T0, m))));
  }

  @Test
  void vmstatFileErrorsNameFileLineAndValue() {
    InputException e =
        assertThrows(
            InputException.class, () -> VmstatFile.parse("v.txt", "pgpgin 1\npgfault lots\n"));
    assertEquals(
        "v.txt:2: counter \"pgfault\" has value \"lots\": expected a whole number", e.getMessage());
    e = assertThrows(InputException.class, () -> VmstatFile.parse("v.txt", "pgpgin 1 2\n"));
    assertEquals("v.txt:1: bad line \"pgpgin 1 2\": expected \"<name> <number>\"", e.getMessage());
  }
}
