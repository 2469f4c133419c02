package dev.pagelab.sim.paging;

import dev.pagelab.sim.paging.WalkObserver.Decision;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Explains one translation step by step, for {@code pagelab walk} and the course site: how the
 * address splits into indices, which entry each level reads and what it decides, and the result.
 *
 * <p>The explanation comes from the {@link ReferenceWalker} itself through a {@link WalkObserver},
 * so it cannot disagree with the walk. Like a real access, explaining a translation that succeeds
 * sets Accessed and Dirty in {@code memory}; each {@link Step} shows the entry before and after.
 */
public final class WalkExplainer {
  private static final ReferenceWalker WALKER = new ReferenceWalker();
  private static final int INDEX_BITS = 9;
  private static final int OFFSET_BITS = PageSize.SIZE_4K.shift();

  private WalkExplainer() {}

  /**
   * One field of a virtual address.
   *
   * @param name e.g. {@code "PML4 index (pgd)"}, {@code "sign extension"}, {@code "page offset"}
   * @param highBit the highest bit of the field
   * @param lowBit the lowest bit of the field
   * @param value the field's value, shifted down to bit 0
   */
  public record Field(String name, int highBit, int lowBit, long value) {}

  /**
   * One entry read by the walk.
   *
   * @param level 5 (PML5) ... 1 (PT)
   * @param tableAddress the physical address of the table
   * @param index the entry's index in the table
   * @param entryAddress {@code tableAddress + 8 * index}
   * @param entryValue the entry as read
   * @param valueAfter the entry after the walk (Accessed/Dirty set on success), else {@code
   *     entryValue}
   * @param decision what the walker concluded from the entry
   */
  public record Step(
      int level,
      long tableAddress,
      int index,
      long entryAddress,
      long entryValue,
      long valueAfter,
      Decision decision) {
    /** The table's x86 name: PML5, PML4, PDPT, PD or PT. */
    public String tableName() {
      return Pte.tableName(level);
    }

    /** The decoded flags of the entry as read, e.g. {@code "P RW US A"}. */
    public String flags() {
      return Pte.describeFlags(entryValue);
    }

    /** The flags the walk set in this entry, e.g. {@code "A D"}, or {@code "-"}. */
    public String setByWalk() {
      return Pte.describeFlags(valueAfter & ~entryValue);
    }

    /** The decision as text, e.g. {@code "next PD 0x000000003000"}. */
    public String decisionText() {
      return describe(decision, level, entryValue);
    }
  }

  /**
   * A whole explanation.
   *
   * @param virtualAddress the address translated
   * @param access the access
   * @param mode the paging mode
   * @param rootTable the top-level table
   * @param fields the address split, sign extension first, page offset last
   * @param steps the entries read, top level first; empty for a non-canonical address
   * @param result the walk's result
   */
  public record Explanation(
      long virtualAddress,
      Access access,
      PagingMode mode,
      long rootTable,
      List<Field> fields,
      List<Step> steps,
      WalkResult result) {
    /** Copies the lists. */
    public Explanation {
      fields = List.copyOf(fields);
      steps = List.copyOf(steps);
    }

    /** The explanation as plain text with fixed-width columns, lines ending in '\n'. */
    public String text() {
      return render(this);
    }
  }

  /**
   * Walks {@code virtualAddress} with the reference walker and records every step.
   *
   * @return the explanation; its {@link Explanation#result()} is what {@link
   *     ReferenceWalker#walk(PhysicalMemoryView, long, long, Access, PagingMode)} returns
   */
  public static Explanation explain(
      PhysicalMemoryView memory,
      long rootTable,
      long virtualAddress,
      Access access,
      PagingMode mode) {
    Recorder recorder = new Recorder();
    WalkResult result = WALKER.walk(memory, rootTable, virtualAddress, access, mode, recorder);
    return new Explanation(
        virtualAddress,
        access,
        mode,
        rootTable,
        split(virtualAddress, mode),
        recorder.steps(),
        result);
  }

  /**
   * Splits a virtual address into sign extension, one 9-bit index per level and the 12-bit offset
   * of a 4 KiB page.
   */
  public static List<Field> split(long virtualAddress, PagingMode mode) {
    Objects.requireNonNull(mode, "WalkExplainer.split: mode");
    List<Field> fields = new ArrayList<>();
    int signLow = mode.virtualBits();
    fields.add(new Field("sign extension", Long.SIZE - 1, signLow, virtualAddress >>> signLow));
    for (int level = mode.levels(); level >= 1; level--) {
      int low = OFFSET_BITS + INDEX_BITS * (level - 1);
      String name = Pte.tableName(level) + " index (" + Pte.linuxName(level, mode) + ")";
      fields.add(
          new Field(name, low + INDEX_BITS - 1, low, X86Paging.index(virtualAddress, level)));
    }
    long offset = virtualAddress & PageSize.SIZE_4K.offsetMask();
    fields.add(new Field("page offset", OFFSET_BITS - 1, 0, offset));
    return fields;
  }

  /** Collects the walk's steps and its Accessed/Dirty updates. */
  private static final class Recorder implements WalkObserver {
    private final List<Step> read = new ArrayList<>();
    private final Map<Integer, Long> updated = new TreeMap<>();

    @Override
    public void onEntry(
        int level,
        long tableAddress,
        int index,
        long entryAddress,
        long entryValue,
        Decision decision) {
      read.add(
          new Step(level, tableAddress, index, entryAddress, entryValue, entryValue, decision));
    }

    @Override
    public void onUpdate(int level, long entryAddress, long oldValue, long newValue) {
      updated.put(level, newValue);
    }

    List<Step> steps() {
      List<Step> steps = new ArrayList<>();
      for (Step s : read) {
        long after = updated.getOrDefault(s.level(), s.entryValue());
        steps.add(
            new Step(
                s.level(),
                s.tableAddress(),
                s.index(),
                s.entryAddress(),
                s.entryValue(),
                after,
                s.decision()));
      }
      return steps;
    }
  }

  /** The text of a decision for an entry at {@code level}. */
  static String describe(Decision decision, int level, long entry) {
    return switch (decision) {
      case NEXT_TABLE ->
          "next " + Pte.tableName(level - 1) + " " + physical(X86Paging.pteToPhys(entry));
      case LEAF -> {
        PageSize size = PageSize.ofLevel(level);
        long frame = X86Paging.pteToPhys(entry) & ~size.offsetMask();
        yield "leaf: " + sizeName(size) + " page " + physical(frame);
      }
      case NOT_PRESENT -> "fault: not present";
      case RESERVED_HIGH_BITS -> "fault: reserved bit in 51..46";
      case RESERVED_PS -> "fault: PS is reserved here";
      case RESERVED_LARGE_PAGE_BITS -> "fault: reserved bit in " + largeLeafReservedBits(level);
    };
  }

  private static String render(Explanation e) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "walk of %s: %s, %d-level paging, root table %s\n\n",
            virtual(e.virtualAddress()),
            accessName(e.access()),
            e.mode().levels(),
            physical(e.rootTable())));
    out.append(fieldTable(e)).append('\n');
    out.append(stepTable(e.steps())).append('\n');
    out.append(resultText(e));
    return out.toString();
  }

  private static String fieldTable(Explanation e) {
    TextTable table = new TextTable("bits", "field", "value");
    for (Field f : e.fields()) {
      String value;
      if (f.lowBit() == 0) {
        value = hex(f.value(), f.highBit() + 1);
      } else if (f.highBit() == Long.SIZE - 1) {
        boolean canonical = X86Paging.isCanonical(e.virtualAddress(), e.mode());
        value = hex(f.value(), f.highBit() - f.lowBit() + 1) + (canonical ? "" : "  not canonical");
      } else {
        value = Long.toString(f.value());
      }
      table.row(f.highBit() + ".." + f.lowBit(), f.name(), value);
    }
    return table.render();
  }

  private static String stepTable(List<Step> steps) {
    if (steps.isEmpty()) {
      return "no table read\n";
    }
    TextTable table =
        new TextTable(
            "table",
            "table address",
            "index",
            "entry address",
            "entry value",
            "flags",
            "sets",
            "decision");
    for (Step s : steps) {
      table.row(
          s.tableName(),
          physical(s.tableAddress()),
          Integer.toString(s.index()),
          physical(s.entryAddress()),
          String.format("0x%016x", s.entryValue()),
          s.flags(),
          s.setByWalk(),
          s.decisionText());
    }
    return table.render();
  }

  private static String resultText(Explanation e) {
    if (e.result() instanceof Translation t) {
      PageSize size = t.pageSize();
      return String.format(
          "result: physical address %s in a %s page (offset %s)\npermissions: %s, %s, %s\n",
          physical(t.physicalAddress()),
          sizeName(size),
          hex(t.physicalAddress() & size.offsetMask(), size.shift()),
          t.writable() ? "writable" : "read-only",
          t.user() ? "user" : "supervisor only",
          t.executable() ? "executable" : "no-execute");
    }
    PageFault f = (PageFault) e.result();
    return switch (f.reason()) {
      case NON_CANONICAL ->
          String.format(
              "result: general protection fault (#GP), not a page fault\n"
                  + "why: in %d-level paging bits 63..%d must all equal bit %d\n",
              e.mode().levels(), e.mode().virtualBits() - 1, e.mode().virtualBits() - 1);
      case NOT_PRESENT, RESERVED_BIT, PROTECTION ->
          String.format(
              "result: page fault at the %sE (level %d), %s\nwhy: %s\n",
              Pte.tableName(f.level()),
              f.level(),
              Pte.describeErrorCode(f.errorCode()),
              faultReason(e, f));
    };
  }

  private static String faultReason(Explanation e, PageFault f) {
    Step last = e.steps().get(e.steps().size() - 1);
    return switch (f.reason()) {
      case NOT_PRESENT -> "P is clear in the " + last.tableName() + "E";
      case RESERVED_BIT -> reservedReason(last);
      default -> protectionReason(e.access(), e.steps());
    };
  }

  private static String reservedReason(Step s) {
    return switch (s.decision()) {
      case RESERVED_HIGH_BITS ->
          "bits 51..46 are reserved: the CPU has " + Pte.PHYS_ADDR_BITS + " physical address bits";
      case RESERVED_PS -> "PS is reserved in a " + s.tableName() + "E: there are no larger pages";
      default ->
          "bits "
              + largeLeafReservedBits(s.level())
              + " are reserved in a "
              + sizeName(PageSize.ofLevel(s.level()))
              + " leaf";
    };
  }

  /** Names each right the access needs and the entries on the path that deny it. */
  private static String protectionReason(Access access, List<Step> steps) {
    List<String> parts = new ArrayList<>();
    if (access.user()) {
      parts.add(denied("a user access needs US", "US clear", Pte.PTE_US, 0, steps));
    }
    if (access.isWrite()) {
      parts.add(denied("a write needs RW", "RW clear", Pte.PTE_RW, 0, steps));
    }
    if (access.isExecute()) {
      parts.add(denied("a fetch needs NX clear", "NX set", Pte.PTE_NX, Pte.PTE_NX, steps));
    }
    parts.removeIf(String::isEmpty);
    return String.join("; ", parts);
  }

  /**
   * "need at every level: what in A, B" listing the entries whose {@code bit} equals {@code bad}.
   */
  private static String denied(String need, String what, long bit, long bad, List<Step> steps) {
    List<String> entries = new ArrayList<>();
    for (Step s : steps) {
      if ((s.entryValue() & bit) == bad) {
        entries.add(s.tableName() + "E");
      }
    }
    return entries.isEmpty()
        ? ""
        : need + " at every level: " + what + " in " + String.join(", ", entries);
  }

  /** The reserved address bits of a large leaf at {@code level}, as text. */
  private static String largeLeafReservedBits(int level) {
    return level == PageSize.SIZE_2M.level() ? "20..13" : "29..13";
  }

  private static String accessName(Access access) {
    String type =
        switch (access.type()) {
          case READ -> "read";
          case WRITE -> "write";
          case EXECUTE -> "instruction fetch";
        };
    return (access.user() ? "user " : "supervisor ") + type;
  }

  /** "4 KiB", "2 MiB" or "1 GiB". */
  static String sizeName(PageSize size) {
    return switch (size) {
      case SIZE_4K -> "4 KiB";
      case SIZE_2M -> "2 MiB";
      case SIZE_1G -> "1 GiB";
    };
  }

  /** A physical address: 0x and 12 hex digits (the 46 physical address bits fit in 12). */
  static String physical(long address) {
    return String.format("0x%012x", address);
  }

  /** A virtual address: 0x and 16 hex digits. */
  static String virtual(long address) {
    return String.format("0x%016x", address);
  }

  /** {@code value} in hex with as many digits as {@code bits} bits need. */
  private static String hex(long value, int bits) {
    return String.format("0x%0" + (bits + 3) / 4 + "x", value);
  }

  /** Left-aligned columns two spaces apart, the last column unpadded. */
  private static final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    String render() {
      int columns = rows.get(0).length;
      int[] widths = new int[columns];
      for (String[] row : rows) {
        for (int c = 0; c < columns; c++) {
          widths[c] = Math.max(widths[c], row[c].length());
        }
      }
      StringBuilder out = new StringBuilder();
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns; c++) {
          line.append(c == columns - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
      return out.toString();
    }
  }
}
