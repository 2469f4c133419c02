package dev.pagelab.sim.cli;

import dev.pagelab.sim.tools.Free;
import dev.pagelab.sim.tools.FreeOptions;
import dev.pagelab.sim.tools.FreeUnit;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.tools.MeminfoFile;
import dev.pagelab.sim.tools.ProcpsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pagelab free}: prints a meminfo file the way procps-ng {@code free} prints {@code
 * /proc/meminfo}. Without {@code --meminfo} it reads the machine's own {@code /proc/meminfo}, so on
 * Linux {@code pagelab free -h} and {@code free -h} print the same.
 */
@Command(
    name = "free",
    sortOptions = false,
    description = {
      "Show memory usage from a /proc/meminfo file exactly as procps-ng free prints it.",
      "Example: pagelab free -h --meminfo samples/01.meminfo"
    })
final class FreeCommand implements Callable<Integer> {
  private static final Path PROC_MEMINFO = Path.of("/proc/meminfo");
  private static final Path MIN_FREE_KBYTES = Path.of("/proc/sys/vm/min_free_kbytes");

  @Spec private CommandSpec spec;

  @Option(
      names = {"-b", "--bytes"},
      description = "Show bytes. Example: pagelab free -b")
  private boolean bytes;

  @Option(names = "--kilo", description = "Show kilobytes (1000). Example: pagelab free --kilo")
  private boolean kilo;

  @Option(names = "--mega", description = "Show megabytes (1000^2). Example: pagelab free --mega")
  private boolean mega;

  @Option(names = "--giga", description = "Show gigabytes (1000^3). Example: pagelab free --giga")
  private boolean giga;

  @Option(names = "--tera", description = "Show terabytes. Example: pagelab free --tera")
  private boolean tera;

  @Option(names = "--peta", description = "Show petabytes. Example: pagelab free --peta")
  private boolean peta;

  @Option(
      names = {"-k", "--kibi"},
      description = "Show kibibytes (the default). Example: pagelab free -k")
  private boolean kibi;

  @Option(
      names = {"-m", "--mebi"},
      description = "Show mebibytes. Example: pagelab free -m")
  private boolean mebi;

  @Option(
      names = {"-g", "--gibi"},
      description = "Show gibibytes. Example: pagelab free -g")
  private boolean gibi;

  @Option(names = "--tebi", description = "Show tebibytes. Example: pagelab free --tebi")
  private boolean tebi;

  @Option(names = "--pebi", description = "Show pebibytes. Example: pagelab free --pebi")
  private boolean pebi;

  @Option(
      names = {"-h", "--human"},
      description = "Show each value in its shortest unit (B, Ki, Mi, Gi...). Example: free -h")
  private boolean human;

  @Option(
      names = "--si",
      description = "Use powers of 1000, not 1024. Example: pagelab free -h --si")
  private boolean si;

  @Option(
      names = {"-w", "--wide"},
      description = "Show buffers and cache in two columns. Example: pagelab free -w")
  private boolean wide;

  @Option(
      names = {"-l", "--lohi"},
      description = "Add Low and High memory lines. Example: pagelab free -l")
  private boolean lohi;

  @Option(
      names = {"-t", "--total"},
      description = "Add a Total line for RAM + swap. Example: pagelab free -t")
  private boolean total;

  @Option(
      names = {"-v", "--committed"},
      description = "Add a Comm line: CommitLimit, Committed_AS (procps 4 only). Example: free -v")
  private boolean committed;

  @Option(
      names = "--meminfo",
      paramLabel = "FILE",
      description = "The meminfo file to read (default: /proc/meminfo). Example: --meminfo m.txt")
  private Path meminfo;

  @Option(
      names = "--procps",
      paramLabel = "VERSION",
      defaultValue = "4",
      converter = VersionConverter.class,
      description = {
        "Which free to imitate: 4 (procps-ng 4.0.2, used = total - available) or 3.3",
        "(procps-ng 3.3.17, used = total - free - buff/cache). Example: --procps 3.3"
      })
  private ProcpsVersion procps;

  @Option(
      names = "--min-free-kbytes",
      paramLabel = "KB",
      description = {
        "vm.min_free_kbytes, which free 3.3 needs when MemAvailable is missing or 0",
        "(read from /proc/sys/vm when --meminfo is not given). Example: --min-free-kbytes 67584"
      })
  private Long minFreeKbytes;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** Parses {@code 4}, {@code 4.0.2}, {@code 3.3}, {@code 3.3.17}. */
  static final class VersionConverter implements ITypeConverter<ProcpsVersion> {
    @Override
    public ProcpsVersion convert(String value) {
      return switch (value) {
        case "4", "4.0", "4.0.2" -> ProcpsVersion.V4_0_2;
        case "3.3", "3.3.17" -> ProcpsVersion.V3_3_17;
        default -> throw new TypeConversionException("'" + value + "' (expected 4 or 3.3)");
      };
    }
  }

  @Override
  public Integer call() throws InputException {
    FreeOptions options = options();
    MeminfoFile m = MeminfoFile.read(meminfo == null ? PROC_MEMINFO : meminfo);
    spec.commandLine().getOut().print(Free.render(m, options));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Turns the flags into options, rejecting what free itself rejects. */
  private FreeOptions options() {
    Map<FreeUnit, Boolean> flags =
        Map.ofEntries(
            Map.entry(FreeUnit.BYTES, bytes),
            Map.entry(FreeUnit.KILO, kilo),
            Map.entry(FreeUnit.MEGA, mega),
            Map.entry(FreeUnit.GIGA, giga),
            Map.entry(FreeUnit.TERA, tera),
            Map.entry(FreeUnit.PETA, peta),
            Map.entry(FreeUnit.KIBI, kibi),
            Map.entry(FreeUnit.MEBI, mebi),
            Map.entry(FreeUnit.GIBI, gibi),
            Map.entry(FreeUnit.TEBI, tebi),
            Map.entry(FreeUnit.PEBI, pebi));
    List<FreeUnit> units = new ArrayList<>();
    flags.forEach(
        (u, on) -> {
          if (on) {
            units.add(u);
          }
        });
    if (units.size() > 1) {
      throw new ParameterException(spec.commandLine(), "Multiple unit options don't make sense.");
    }
    if (committed && procps == ProcpsVersion.V3_3_17) {
      throw new ParameterException(spec.commandLine(), "free 3.3 has no -v (--committed)");
    }
    FreeUnit unit = units.isEmpty() ? FreeUnit.DEFAULT : units.get(0);
    return new FreeOptions(procps, unit, human, si, wide, lohi, total, committed, minFree());
  }

  /** The given sysctl, or the machine's own when reading the machine's own meminfo. */
  private OptionalLong minFree() {
    if (minFreeKbytes != null) {
      if (minFreeKbytes < 0) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for option '--min-free-kbytes': " + minFreeKbytes + " (expected >= 0)");
      }
      return OptionalLong.of(minFreeKbytes);
    }
    if (meminfo == null && Files.isReadable(MIN_FREE_KBYTES)) {
      try {
        return OptionalLong.of(Long.parseLong(Files.readString(MIN_FREE_KBYTES).trim()));
      } catch (IOException | NumberFormatException e) {
        return OptionalLong.empty(); // then free 3.3 reports the missing value if it needs it
      }
    }
    return OptionalLong.empty();
  }
}
