package dev.pagelab.sim.proc;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code /proc/meminfo} as a 6.18 x86-64 kernel prints it ({@code fs/proc/meminfo.c
 * meminfo_proc_show}): every line the truth machine's configuration prints, in order.
 *
 * <p>Width rules: {@code show_val_kb} writes the label padded to 16 columns, the value
 * right-aligned in 8 ({@code seq_put_decimal_ull_width(..., 8)}, wider values simply push on) and
 * {@code " kB"}; KernelStack, VmallocTotal, Hugepagesize, Hugetlb and the DirectMap lines use
 * {@code "%8lu kB"} after the same 16-column label, so they look the same. {@code
 * hugetlb_report_meminfo} prints the four page counts as {@code "HugePages_Total: %5lu"}: three
 * spaces and a 5-wide field, no unit.
 */
public final class MeminfoFormat {

  private MeminfoFormat() {}

  /** How a line's value is printed. */
  public enum Style {
    /** {@code "%-16s%8lu kB"}: a size in KiB. */
    KB,
    /** {@code "%-16s %5lu"}: a count of huge pages. */
    COUNT
  }

  /** The lines of {@code /proc/meminfo} on 6.18 (this configuration), in the kernel's order. */
  public enum Field {
    /** Usable RAM: {@code totalram_pages}. */
    MEM_TOTAL("MemTotal"),
    /** Free pages: {@code NR_FREE_PAGES}. */
    MEM_FREE("MemFree"),
    /** {@code si_mem_available}. */
    MEM_AVAILABLE("MemAvailable"),
    /** Block-device page cache. */
    BUFFERS("Buffers"),
    /** File pages minus swap cache and Buffers. */
    CACHED("Cached"),
    /** Swap cache pages. */
    SWAP_CACHED("SwapCached"),
    /** Active(anon) + Active(file). */
    ACTIVE("Active"),
    /** Inactive(anon) + Inactive(file). */
    INACTIVE("Inactive"),
    /** The active anonymous LRU. */
    ACTIVE_ANON("Active(anon)"),
    /** The inactive anonymous LRU. */
    INACTIVE_ANON("Inactive(anon)"),
    /** The active file LRU. */
    ACTIVE_FILE("Active(file)"),
    /** The inactive file LRU. */
    INACTIVE_FILE("Inactive(file)"),
    /** The unevictable LRU. */
    UNEVICTABLE("Unevictable"),
    /** mlock()ed pages. */
    MLOCKED("Mlocked"),
    /** Swap space. */
    SWAP_TOTAL("SwapTotal"),
    /** Unused swap space. */
    SWAP_FREE("SwapFree"),
    /** Memory used by the zswap pool. */
    ZSWAP("Zswap"),
    /** Data stored in zswap (uncompressed size). */
    ZSWAPPED("Zswapped"),
    /** Dirty file pages. */
    DIRTY("Dirty"),
    /** Pages under writeback. */
    WRITEBACK("Writeback"),
    /** Mapped anonymous pages. */
    ANON_PAGES("AnonPages"),
    /** Mapped file pages. */
    MAPPED("Mapped"),
    /** Shared memory and tmpfs pages. */
    SHMEM("Shmem"),
    /** Reclaimable kernel memory: SReclaimable + misc. */
    K_RECLAIMABLE("KReclaimable"),
    /** All slab memory. */
    SLAB("Slab"),
    /** Reclaimable slab. */
    S_RECLAIMABLE("SReclaimable"),
    /** Unreclaimable slab. */
    S_UNRECLAIM("SUnreclaim"),
    /** Kernel stacks. */
    KERNEL_STACK("KernelStack"),
    /** Page-table pages. */
    PAGE_TABLES("PageTables"),
    /** Secondary (KVM, IOMMU) page tables. */
    SEC_PAGE_TABLES("SecPageTables"),
    /** Always 0 since 6.x. */
    NFS_UNSTABLE("NFS_Unstable"),
    /** Bounce buffers. */
    BOUNCE("Bounce"),
    /** FUSE writeback buffers. */
    WRITEBACK_TMP("WritebackTmp"),
    /** Overcommit limit for mode 2. */
    COMMIT_LIMIT("CommitLimit"),
    /** Committed address space. */
    COMMITTED_AS("Committed_AS"),
    /** Size of the vmalloc area. */
    VMALLOC_TOTAL("VmallocTotal"),
    /** Pages vmalloc has mapped. */
    VMALLOC_USED("VmallocUsed"),
    /** Always 0. */
    VMALLOC_CHUNK("VmallocChunk"),
    /** Per-CPU allocator pages. */
    PERCPU("Percpu"),
    /** Anonymous THPs. */
    ANON_HUGE_PAGES("AnonHugePages"),
    /** Shmem THPs. */
    SHMEM_HUGE_PAGES("ShmemHugePages"),
    /** Shmem THPs mapped by a PMD. */
    SHMEM_PMD_MAPPED("ShmemPmdMapped"),
    /** Page-cache THPs. */
    FILE_HUGE_PAGES("FileHugePages"),
    /** Page-cache THPs mapped by a PMD. */
    FILE_PMD_MAPPED("FilePmdMapped"),
    /** Pages taken by a balloon driver. */
    BALLOON("Balloon"),
    /** hugetlbfs pool size. */
    HUGEPAGES_TOTAL("HugePages_Total", Style.COUNT),
    /** Free pool pages. */
    HUGEPAGES_FREE("HugePages_Free", Style.COUNT),
    /** Reserved pool pages. */
    HUGEPAGES_RSVD("HugePages_Rsvd", Style.COUNT),
    /** Surplus pool pages. */
    HUGEPAGES_SURP("HugePages_Surp", Style.COUNT),
    /** Default huge page size. */
    HUGEPAGESIZE("Hugepagesize"),
    /** Memory in all hugetlb pools. */
    HUGETLB("Hugetlb"),
    /** Direct map covered by 4 KiB pages. */
    DIRECT_MAP_4K("DirectMap4k"),
    /** Direct map covered by 2 MiB pages. */
    DIRECT_MAP_2M("DirectMap2M"),
    /** Direct map covered by 1 GiB pages. */
    DIRECT_MAP_1G("DirectMap1G");

    private final String label;
    private final Style style;

    Field(String label) {
      this(label, Style.KB);
    }

    Field(String label, Style style) {
      this.label = label;
      this.style = style;
    }

    /** The name before the colon. */
    public String label() {
      return label;
    }

    /** How the value is printed. */
    public Style style() {
      return style;
    }
  }

  /**
   * The values of one {@code /proc/meminfo}, as printed: KiB for {@link Style#KB} lines, a count
   * for {@link Style#COUNT} lines.
   *
   * @param values one value per field, every field present
   */
  public record Meminfo(Map<Field, Long> values) {
    /** Checks that every field has a non-negative value. */
    public Meminfo {
      EnumMap<Field, Long> copy = new EnumMap<>(Field.class);
      copy.putAll(values);
      for (Field f : Field.values()) {
        Long v = copy.get(f);
        if (v == null || v < 0) {
          throw new IllegalArgumentException("Meminfo: " + f.label() + " needs a value >= 0");
        }
      }
      values = Map.copyOf(copy);
    }

    /** The value of one field. */
    public long get(Field field) {
      return values.get(field);
    }
  }

  /** The text of {@code /proc/meminfo}. */
  public static String format(Meminfo meminfo) {
    StringBuilder out = new StringBuilder(2048);
    for (Field f : Field.values()) {
      out.append(line(f, meminfo.get(f)));
    }
    return out.toString();
  }

  /** One line, with its newline. */
  public static String line(Field field, long value) {
    String label = pad(field.label() + ":", 16);
    return switch (field.style()) {
      case KB -> label + padLeft(Long.toString(value), 8) + " kB\n";
      case COUNT -> label + "   " + padLeft(Long.toString(value), 5) + "\n";
    };
  }

  /** Reads a {@code /proc/meminfo} text; every line must be a known field, in kernel order. */
  public static Meminfo parse(String text, String source) throws ProcFormatException {
    EnumMap<Field, Long> values = new EnumMap<>(Field.class);
    String[] lines = text.split("\n", -1);
    Field[] fields = Field.values();
    for (int i = 0; i < fields.length; i++) {
      if (i >= lines.length || lines[i].isEmpty()) {
        throw new ProcFormatException(source, i + 1, "missing line, expected " + fields[i].label());
      }
      values.put(fields[i], parseLine(lines[i], fields[i], source, i + 1));
    }
    if (lines.length != fields.length + 1 || !lines[fields.length].isEmpty()) {
      throw new ProcFormatException(
          source, fields.length + 1, "expected the end of the file after DirectMap1G");
    }
    return new Meminfo(values);
  }

  private static long parseLine(String line, Field field, String source, int lineNo)
      throws ProcFormatException {
    String prefix = field.label() + ":";
    String unit = field.style() == Style.KB ? " kB" : "";
    if (!line.startsWith(prefix) || !line.endsWith(unit)) {
      throw new ProcFormatException(
          source, lineNo, "expected '" + prefix + " <n>" + unit + "', got '" + line + "'");
    }
    String number = line.substring(prefix.length(), line.length() - unit.length()).strip();
    try {
      long v = Long.parseLong(number);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ProcFormatException(
          source, lineNo, "expected a number >= 0 for " + field.label() + ", got '" + number + "'");
    }
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
