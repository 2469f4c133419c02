package dev.pagelab.sim.spi;

/**
 * The bits of an x86-64 paging-structure entry (PML5E, PML4E, PDPTE, PDE or PTE) and of the
 * page-fault error code, and the names that describe them in messages. Taking an entry apart is
 * left to the walker (the simulator's own helpers are in {@code dev.pagelab.sim.paging.X86Paging}).
 *
 * <pre>
 *  63  62..52   51..46     45 ............................. 12  11..9  8  7  6  5  4   3   2  1  0
 * +--+--------+----------+-------------------------------------+------+--+--+--+--+---+---+--+--+--+
 * |NX| ignored| reserved |   physical frame number (PFN)       | avail| G|PS| D| A|PCD|PWT|US|RW| P|
 * +--+--------+----------+-------------------------------------+------+--+--+--+--+---+---+--+--+--+
 * </pre>
 *
 * <p>The simulated CPU has {@value #PHYS_ADDR_BITS} physical address bits (MAXPHYADDR), so bits
 * 51..46 of every entry are reserved and must be 0. PS is reserved in PML5 and PML4 entries. In a 2
 * MiB leaf bits 20..13 of the address field are reserved, in a 1 GiB leaf bits 29..13 (bit 12 is
 * PAT there).
 */
public final class Pte {
  /** Present: the entry maps something. */
  public static final long PTE_P = 1L;

  /** Read/write: writes are allowed through this entry. */
  public static final long PTE_RW = 1L << 1;

  /** User/supervisor: user-mode accesses are allowed through this entry. */
  public static final long PTE_US = 1L << 2;

  /** Page-level write-through. */
  public static final long PTE_PWT = 1L << 3;

  /** Page-level cache disable. */
  public static final long PTE_PCD = 1L << 4;

  /** Accessed: set by the MMU when the entry is used in a translation. */
  public static final long PTE_A = 1L << 5;

  /** Dirty: set by the MMU in the leaf entry when the page is written. */
  public static final long PTE_D = 1L << 6;

  /** Page size: in a PDE or PDPTE, the entry is a 2 MiB or 1 GiB leaf. */
  public static final long PTE_PS = 1L << 7;

  /** Global: the translation survives a CR3 switch. */
  public static final long PTE_G = 1L << 8;

  /** No-execute: instruction fetches are not allowed through this entry. */
  public static final long PTE_NX = 1L << 63;

  /** Physical address bits of the simulated CPU (MAXPHYADDR). */
  public static final int PHYS_ADDR_BITS = 46;

  /** The frame field of an entry: bits 45..12. */
  public static final long PTE_ADDR_MASK = ((1L << PHYS_ADDR_BITS) - 1) & ~0xFFFL;

  /** Bits 51..46, reserved in every entry because MAXPHYADDR is 46. */
  public static final long PTE_RESERVED_HIGH = ((1L << 52) - 1) & ~((1L << PHYS_ADDR_BITS) - 1);

  /** Entries per table page. */
  public static final int ENTRIES_PER_TABLE = 512;

  /** Bytes per entry. */
  public static final int ENTRY_BYTES = 8;

  /** Page-fault error code: the fault was a protection violation (0: the page was not present). */
  public static final int PFEC_P = 1;

  /** Page-fault error code: the access was a write. */
  public static final int PFEC_W = 1 << 1;

  /** Page-fault error code: the access came from user mode. */
  public static final int PFEC_U = 1 << 2;

  /** Page-fault error code: a reserved bit was set in an entry. */
  public static final int PFEC_RSVD = 1 << 3;

  /** Page-fault error code: the access was an instruction fetch. */
  public static final int PFEC_I = 1 << 4;

  private Pte() {}

  /** The x86 name of the table at a level: PT, PD, PDPT, PML4, PML5. */
  public static String tableName(int level) {
    return switch (level) {
      case 1 -> "PT";
      case 2 -> "PD";
      case 3 -> "PDPT";
      case 4 -> "PML4";
      case 5 -> "PML5";
      default -> throw new IllegalArgumentException("Pte.tableName: no table at level " + level);
    };
  }

  /** The Linux name of the table at a level: pte, pmd, pud, p4d, pgd (for 5-level paging). */
  public static String linuxName(int level, PagingMode mode) {
    return switch (level) {
      case 1 -> "pte";
      case 2 -> "pmd";
      case 3 -> "pud";
      case 4 -> mode == PagingMode.FIVE_LEVEL ? "p4d" : "pgd";
      case 5 -> "pgd";
      default -> throw new IllegalArgumentException("Pte.linuxName: no table at level " + level);
    };
  }

  /** A short text of the flags of an entry, e.g. {@code "P RW US A D NX"}. */
  public static String describeFlags(long pte) {
    StringBuilder sb = new StringBuilder();
    flag(sb, pte, PTE_P, "P");
    flag(sb, pte, PTE_RW, "RW");
    flag(sb, pte, PTE_US, "US");
    flag(sb, pte, PTE_PWT, "PWT");
    flag(sb, pte, PTE_PCD, "PCD");
    flag(sb, pte, PTE_A, "A");
    flag(sb, pte, PTE_D, "D");
    flag(sb, pte, PTE_PS, "PS");
    flag(sb, pte, PTE_G, "G");
    flag(sb, pte, PTE_NX, "NX");
    return sb.length() == 0 ? "-" : sb.toString();
  }

  private static void flag(StringBuilder sb, long pte, long bit, String name) {
    if ((pte & bit) != 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(name);
    }
  }

  /** A short text of a page-fault error code, e.g. {@code "error 6 (user write, not present)"}. */
  public static String describeErrorCode(int code) {
    String who = (code & PFEC_U) != 0 ? "user" : "supervisor";
    String what =
        (code & PFEC_I) != 0 ? "instruction fetch" : (code & PFEC_W) != 0 ? "write" : "read";
    String why =
        (code & PFEC_RSVD) != 0
            ? "reserved bit set"
            : (code & PFEC_P) != 0 ? "protection violation" : "not present";
    return "error " + code + " (" + who + " " + what + ", " + why + ")";
  }
}
