package dev.pagelab.sim.cli;

import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.tools.MeminfoFile;
import dev.pagelab.sim.tools.Sar;
import dev.pagelab.sim.tools.SarHost;
import dev.pagelab.sim.tools.SarOptions;
import dev.pagelab.sim.tools.SarReport;
import dev.pagelab.sim.tools.SarSample;
import dev.pagelab.sim.tools.SysstatVersion;
import dev.pagelab.sim.tools.VmstatFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pagelab sar}: prints {@code /proc} snapshots the way sysstat's {@code sar} prints them.
 * {@code -r [ALL]} takes one meminfo snapshot and prints what {@code sar -r 1 1} prints when both
 * of its samples read that file; {@code -B} takes two vmstat snapshots taken {@code S} seconds
 * apart and prints what {@code sar -B S 1} prints.
 *
 * <p>Times: the data line is stamped with {@code --time} (default: now), the column header with
 * that time minus the interval (1 s for {@code -r}, {@code S} for {@code -B}), as sar stamps the
 * header with its first sample. The banner shows {@code --date} (default: today), {@code --host},
 * {@code --release} and {@code --cpus} (default: this machine's).
 */
@Command(
    name = "sar",
    sortOptions = false,
    description = {
      "Show meminfo or vmstat snapshots exactly as sysstat sar -r, sar -r ALL or sar -B prints them.",
      "Example: pagelab sar -r ALL --meminfo /proc/meminfo",
      "Example: pagelab sar -B --vmstat before.vmstat after.vmstat --seconds 1"
    })
final class SarCommand implements Callable<Integer> {
  private static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

  @Spec private CommandSpec spec;

  @Option(
      names = "-r",
      description = "Memory utilization (add ALL for the extended fields). Example: sar -r ALL")
  private boolean memory;

  @Parameters(
      arity = "0..1",
      paramLabel = "ALL",
      description = "With -r: also kbanonpg, kbslab, kbkstack, kbpgtbl, kbvmused. Example: -r ALL")
  private String all;

  @Option(names = "-B", description = "Paging statistics. Example: pagelab sar -B --vmstat a b")
  private boolean paging;

  @Option(
      names = {"-h", "--human"},
      description = "Sizes with units (k, M, G) and %% signs, as sar -h. Example: sar -h -r")
  private boolean human;

  @Option(
      names = "--meminfo",
      paramLabel = "FILE",
      description = "With -r: the meminfo file (default /proc/meminfo). Example: --meminfo m.txt")
  private Path meminfo;

  @Option(
      names = "--vmstat",
      arity = "2",
      paramLabel = "FILE",
      description = "With -B: the vmstat before and after. Example: --vmstat a.vmstat b.vmstat")
  private List<Path> vmstat;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      converter = CentisecondsConverter.class,
      description = {
        "With -B: seconds between the two vmstat snapshots, to the hundredth as /proc/uptime",
        "has them. Example: --seconds 1.00"
      })
  private Long centis;

  @Option(
      names = "--sysstat",
      paramLabel = "VERSION",
      defaultValue = "12.6",
      converter = VersionConverter.class,
      description = {
        "Which sar to imitate: 12.6 (kbmemused = MemTotal - MemFree - Buffers - Cached - Slab)",
        "or 12.7 (12.7.8+: kbmemused = MemTotal - MemAvailable). Example: --sysstat 12.7"
      })
  private SysstatVersion sysstat;

  @Option(
      names = "--time",
      paramLabel = "HH:MM:SS",
      converter = TimeConverter.class,
      description = "Time printed on the data line (default: now). Example: --time 22:59:37")
  private LocalTime time;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      converter = DateConverter.class,
      description = "Date in the banner (default: today). Example: --date 2026-11-25")
  private LocalDate date;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "Host name for the banner (default: this machine's). Example: --host vm")
  private String host;

  @Option(
      names = "--release",
      paramLabel = "RELEASE",
      description =
          "Kernel release for the banner (default: this machine's). Example: --release 6.18.44")
  private String release;

  @Option(
      names = "--cpus",
      paramLabel = "N",
      description = "CPU count for the banner (default: this machine's). Example: --cpus 2")
  private Integer cpus;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** Parses {@code 12.6}, {@code 12.6.1}, {@code 12.7}, {@code 12.7.8}... */
  static final class VersionConverter implements ITypeConverter<SysstatVersion> {
    @Override
    public SysstatVersion convert(String value) {
      if (value.equals("12.6") || value.startsWith("12.6.")) {
        return SysstatVersion.V12_6;
      }
      if (value.equals("12.7") || value.matches("12\\.7\\.([89]|\\d\\d+)")) {
        return SysstatVersion.V12_7;
      }
      throw new TypeConversionException("'" + value + "' (expected 12.6 or 12.7)");
    }
  }

  /**
   * Parses a number of seconds with at most two decimals ({@code 1}, {@code 1.00}, {@code 0.5}),
   * the resolution of {@code /proc/uptime}, into hundredths of a second.
   */
  static final class CentisecondsConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        BigDecimal seconds = new BigDecimal(value);
        if (seconds.scale() > 2) {
          throw new TypeConversionException(
              "'" + value + "' (at most two decimals: sar counts in hundredths of a second)");
        }
        return seconds.movePointRight(2).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException("'" + value + "' (expected seconds such as 1 or 1.00)");
      }
    }
  }

  /** Parses {@code HH:MM:SS}. */
  static final class TimeConverter implements ITypeConverter<LocalTime> {
    @Override
    public LocalTime convert(String value) {
      try {
        return LocalTime.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' (expected HH:MM:SS)");
      }
    }
  }

  /** Parses {@code YYYY-MM-DD}. */
  static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' (expected YYYY-MM-DD)");
      }
    }
  }

  @Override
  public Integer call() throws InputException {
    SarReport report = report();
    SarOptions options = new SarOptions(report, human, sysstat);
    long interval = report == SarReport.PAGING ? centis : 100;
    LocalTime end = time != null ? time : LocalTime.now().withNano(0);
    LocalTime start = end.minus(Duration.ofMillis(interval * 10));
    List<SarSample> samples =
        report == SarReport.PAGING ? vmstatSamples(start, end) : meminfoSamples(report, start, end);
    SarHost machine =
        new SarHost(
            sysname(),
            release != null ? release : System.getProperty("os.version", "unknown"),
            host != null ? host : hostName(),
            date != null ? date : LocalDate.now(),
            machine(),
            cpus != null ? cpus : Runtime.getRuntime().availableProcessors());
    spec.commandLine().getOut().print(Sar.render(machine, options, samples));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Checks the flag combination and names the report. */
  private SarReport report() {
    if (memory == paging) {
      throw new ParameterException(spec.commandLine(), "Give exactly one of -r and -B");
    }
    if (all != null && (!all.equals("ALL") || paging)) {
      throw new ParameterException(
          spec.commandLine(), "Unexpected argument '" + all + "' (only -r takes ALL)");
    }
    if (cpus != null && cpus < 1) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--cpus': " + cpus + " (expected >= 1)");
    }
    if (memory) {
      if (vmstat != null || centis != null) {
        throw new ParameterException(spec.commandLine(), "--vmstat and --seconds belong to -B");
      }
      return all != null ? SarReport.MEMORY_ALL : SarReport.MEMORY;
    }
    if (meminfo != null) {
      throw new ParameterException(spec.commandLine(), "--meminfo belongs to -r");
    }
    if (vmstat == null || centis == null) {
      throw new ParameterException(
          spec.commandLine(), "-B needs --vmstat BEFORE AFTER and --seconds S");
    }
    if (centis < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--seconds': "
              + BigDecimal.valueOf(centis, 2).stripTrailingZeros().toPlainString()
              + " (expected at least 0.01)");
    }
    return SarReport.PAGING;
  }

  /** Two samples of the same meminfo one second apart. */
  private List<SarSample> meminfoSamples(SarReport report, LocalTime first, LocalTime second)
      throws InputException {
    MeminfoFile m = MeminfoFile.read(meminfo == null ? PROC_MEMINFO : meminfo);
    String tool = report == SarReport.MEMORY_ALL ? "sar -r ALL" : "sar -r";
    for (String field : report.meminfoFields()) {
      m.require(field, tool);
    }
    return List.of(
        new SarSample(0, m.fields(), Map.of(), first),
        new SarSample(100, m.fields(), Map.of(), second));
  }

  /** The two vmstat snapshots, {@code --seconds} apart. */
  private List<SarSample> vmstatSamples(LocalTime first, LocalTime second) throws InputException {
    VmstatFile before = VmstatFile.read(vmstat.get(0));
    VmstatFile after = VmstatFile.read(vmstat.get(1));
    for (String name : SarReport.PAGING.vmstatFields()) {
      before.require(name, "sar -B");
      after.require(name, "sar -B");
    }
    return List.of(
        new SarSample(0, Map.of(), before.counters(), first),
        new SarSample(centis, Map.of(), after.counters(), second));
  }

  private static String sysname() {
    String os = System.getProperty("os.name", "Linux");
    return os.isBlank() ? "Linux" : os;
  }

  /** {@code uname -m} from the JVM's architecture name. */
  private static String machine() {
    String arch = System.getProperty("os.arch", "x86_64");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> arch;
    };
  }

  private static String hostName() {
    try {
      Path p = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(p)) {
        return Files.readString(p).trim();
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
