package dev.pagelab.sim.paging;

import dev.pagelab.sim.paging.WalkExplainer.Explanation;
import dev.pagelab.sim.paging.WalkExplainer.Step;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares another walker's walk with the reference's, entry by entry: which entries it read, in
 * which order, what it wrote back, and what it returned. The other walk is known only by what it
 * did to the memory view it was given ({@link MemoryEvent}s), so any walker can be traced.
 *
 * <p>The first difference is where the walks part, in the order the walk goes: a different entry
 * read, or a walk that goes on where the reference stopped (or stops early); else another result
 * from the same entries; else the topmost entry left with another value (the Accessed and Dirty
 * bits, which a walk writes only after it has found its result).
 */
public final class WalkComparison {
  private WalkComparison() {}

  /**
   * One load or store the walker did.
   *
   * @param write true for {@code writeLong}, false for {@code readLong}
   * @param address the physical address
   * @param value the value read, or written
   * @param before for a write, the value the entry held just before; for a read, {@code value}
   */
  public record MemoryEvent(boolean write, long address, long value, long before) {}

  /**
   * Where the two walks part.
   *
   * @param level the level of the entry concerned (5..1), or 0 before any entry (non-canonical)
   * @param event the index in the trace of the access that differs, or -1 if none does (an entry
   *     the walker never read, a result, a missing write)
   * @param text what differs, in a sentence
   */
  public record Difference(int level, int event, String text) {}

  /**
   * The comparison.
   *
   * @param trace the walker's accesses as text, one line each, the first difference marked
   * @param difference the first difference, or empty if the walks are the same
   */
  public record Comparison(List<String> trace, Optional<Difference> difference) {
    /** Copies the list. */
    public Comparison {
      trace = List.copyOf(trace);
    }

    /** True if the walker read the same entries, returned the same and wrote the same. */
    public boolean same() {
      return difference.isEmpty();
    }
  }

  /**
   * Compares the walk that produced {@code events} and {@code result} with {@code reference}, an
   * explanation of the reference walk of the same address over the same memory.
   */
  public static Comparison compare(
      Explanation reference, List<MemoryEvent> events, WalkResult result) {
    Optional<Difference> first = readsDiffer(reference, events);
    if (first.isEmpty() && !reference.result().equals(result)) {
      first = Optional.of(resultDiffers(reference, result));
    }
    if (first.isEmpty()) {
      first = writesDiffer(reference, events);
    }
    return new Comparison(trace(reference, events, first), first);
  }

  /** The first entry read that is not the one the reference reads at that point of the walk. */
  private static Optional<Difference> readsDiffer(Explanation ref, List<MemoryEvent> events) {
    List<Step> steps = ref.steps();
    List<Long> reads = new ArrayList<>(distinctReads(events));
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (i >= reads.size()) {
        return Optional.of(
            new Difference(
                s.level(),
                -1,
                String.format(
                    "your walker stopped before the %s, which the reference reads next: %s",
                    entryName(s), locate(s))));
      }
      if (reads.get(i) != s.entryAddress()) {
        return Optional.of(
            new Difference(
                s.level(),
                firstRead(events, reads.get(i)),
                String.format(
                    "your walker read %s (%s) where the reference reads the %s: %s",
                    WalkExplainer.physical(reads.get(i)),
                    onPath(ref, reads.get(i)),
                    entryName(s),
                    locate(s))));
      }
    }
    if (reads.size() > steps.size()) {
      int level = steps.isEmpty() ? ref.mode().levels() : steps.get(steps.size() - 1).level() - 1;
      String why =
          steps.isEmpty()
              ? "the address is not canonical, so the walk must fault before reading any entry"
              : "the reference stops at the "
                  + entryName(steps.get(steps.size() - 1))
                  + " ("
                  + steps.get(steps.size() - 1).decisionText()
                  + ")";
      long extra = reads.get(steps.size());
      return Optional.of(
          new Difference(
              Math.max(level, 0),
              firstRead(events, extra),
              String.format(
                  "your walker read %s, one entry more than the reference: %s",
                  WalkExplainer.physical(extra), why)));
    }
    return Optional.empty();
  }

  /** The same entries were read, yet the result differs: the decision at the last one. */
  private static Difference resultDiffers(Explanation ref, WalkResult result) {
    List<Step> steps = ref.steps();
    int level = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).level();
    String where = steps.isEmpty() ? "" : " from the same entries";
    return new Difference(
        level,
        -1,
        String.format(
            "your walker returns %s%s; the reference returns %s",
            describe(result), where, describe(ref.result())));
  }

  /** The first entry (in walk order) left with another value than the reference leaves. */
  private static Optional<Difference> writesDiffer(Explanation ref, List<MemoryEvent> events) {
    Map<Long, Long> theirs = finalWrites(events);
    for (Step s : ref.steps()) {
      long expected = s.valueAfter();
      long got = theirs.getOrDefault(s.entryAddress(), s.entryValue());
      if (expected != got) {
        return Optional.of(
            new Difference(
                s.level(),
                lastWrite(events, s.entryAddress()),
                String.format(
                    "after the walk the %s should hold 0x%016x (%s) but your walker left 0x%016x"
                        + " (%s): %s",
                    entryName(s),
                    expected,
                    Pte.describeFlags(expected),
                    got,
                    Pte.describeFlags(got),
                    adRule(ref))));
      }
      theirs.remove(s.entryAddress());
    }
    if (!theirs.isEmpty()) {
      long address = theirs.keySet().iterator().next();
      return Optional.of(
          new Difference(
              ref.steps().isEmpty() ? 0 : ref.steps().get(ref.steps().size() - 1).level(),
              lastWrite(events, address),
              String.format(
                  "your walker wrote %s, which is not an entry of this walk's path",
                  WalkExplainer.physical(address))));
    }
    return Optional.empty();
  }

  /** Why the reference writes what it writes. */
  private static String adRule(Explanation ref) {
    if (ref.result() instanceof WalkResult.PageFault) {
      return "a walk that faults writes nothing";
    }
    return ref.access().isWrite()
        ? "a successful write sets A in every entry of the path and D in the leaf only"
        : "a successful read sets A in every entry of the path and never D";
  }

  /** One line per access, the first difference marked. */
  private static List<String> trace(
      Explanation ref, List<MemoryEvent> events, Optional<Difference> first) {
    List<String> lines = new ArrayList<>();
    int marked = first.map(Difference::event).orElse(-1);
    for (int i = 0; i < events.size(); i++) {
      MemoryEvent e = events.get(i);
      String line =
          e.write()
              ? String.format(
                  "write %s = 0x%016x %-22s sets %-5s %s",
                  WalkExplainer.physical(e.address()),
                  e.value(),
                  "(" + Pte.describeFlags(e.value()) + ")",
                  Pte.describeFlags(e.value() & ~e.before()),
                  onPath(ref, e.address()))
              : String.format(
                  "read  %s = 0x%016x %-22s %-10s %s",
                  WalkExplainer.physical(e.address()),
                  e.value(),
                  "(" + Pte.describeFlags(e.value()) + ")",
                  "",
                  onPath(ref, e.address()));
      lines.add(line.stripTrailing() + (i == marked ? "   <== first difference" : ""));
    }
    if (events.isEmpty()) {
      lines.add("(no entry read or written)");
    }
    return lines;
  }

  /** "PML4[255], level 4" for an entry of the reference's path, else a plain warning. */
  private static String onPath(Explanation ref, long address) {
    for (Step s : ref.steps()) {
      if (s.entryAddress() == address) {
        return String.format("%s[%d], level %d", s.tableName(), s.index(), s.level());
      }
    }
    return "not an entry of this address's path";
  }

  private static String entryName(Step s) {
    return s.tableName() + "E (level " + s.level() + ")";
  }

  private static String locate(Step s) {
    return String.format(
        "%s[%d] at %s = table %s + 8 * %d",
        s.tableName(),
        s.index(),
        WalkExplainer.physical(s.entryAddress()),
        WalkExplainer.physical(s.tableAddress()),
        s.index());
  }

  private static LinkedHashSet<Long> distinctReads(List<MemoryEvent> events) {
    LinkedHashSet<Long> reads = new LinkedHashSet<>();
    events.stream().filter(e -> !e.write()).forEach(e -> reads.add(e.address()));
    return reads;
  }

  private static Map<Long, Long> finalWrites(List<MemoryEvent> events) {
    Map<Long, Long> writes = new LinkedHashMap<>();
    events.stream().filter(MemoryEvent::write).forEach(e -> writes.put(e.address(), e.value()));
    return writes;
  }

  private static int firstRead(List<MemoryEvent> events, long address) {
    for (int i = 0; i < events.size(); i++) {
      if (!events.get(i).write() && events.get(i).address() == address) {
        return i;
      }
    }
    return -1;
  }

  private static int lastWrite(List<MemoryEvent> events, long address) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).write() && events.get(i).address() == address) {
        return i;
      }
    }
    return -1;
  }

  /** A walk result in a line: the physical address and rights, or the fault and its error code. */
  public static String describe(WalkResult result) {
    if (result instanceof WalkResult.Translation t) {
      return String.format(
          "physical %s, %s page at level %d, %s %s %s",
          WalkExplainer.physical(t.physicalAddress()),
          WalkExplainer.sizeName(t.pageSize()),
          t.level(),
          t.writable() ? "writable" : "read-only",
          t.user() ? "user" : "supervisor",
          t.executable() ? "executable" : "no-execute");
    }
    WalkResult.PageFault f = (WalkResult.PageFault) result;
    return String.format(
        "fault at level %d: %s, %s", f.level(), f.reason(), Pte.describeErrorCode(f.errorCode()));
  }
}
