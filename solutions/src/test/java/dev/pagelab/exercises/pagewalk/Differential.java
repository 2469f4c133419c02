package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.paging.ReferenceWalker;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Two copies of the same page tables: the simulator's {@link ReferenceWalker} walks one, the walker
 * under test the other. After every walk the results must be equal ({@link #check}); the tests of
 * the Accessed and Dirty bits compare every entry either walker wrote, after the walks whose result
 * is right ({@link #accessedAndDirtyMatch}), and only they do, so that a walker right on everything
 * but those bits loses only their points, and one wrong elsewhere loses no A/D points for it.
 */
final class Differential {
  private static final PageTableWalker REFERENCE = new ReferenceWalker();

  /** Tables are handed out from here up to {@link #TABLES_END}, the root first. */
  static final long TABLES_START = 0x1000;

  /** Tables stay below 16 MiB; test data frames are put elsewhere so nothing points back. */
  static final long TABLES_END = 1L << 24;

  private final PageTableWalker walker;
  private final PagingMode mode;
  private final long root;
  private long nextTable = TABLES_START;
  private final TrackedRam reference = new TrackedRam();
  private final TrackedRam tested = new TrackedRam();
  private long walks;

  Differential(PageTableWalker walker, PagingMode mode) {
    this.walker = walker;
    this.mode = mode;
    this.root = newTable();
  }

  /** A fresh, zeroed table frame; the first one is the root at {@link #TABLES_START}. */
  long newTable() {
    long frame = nextTable;
    if (frame >= TABLES_END) {
      throw new IllegalStateException("Differential.newTable: more than 16 MiB of tables");
    }
    nextTable += 0x1000;
    return frame;
  }

  PagingMode mode() {
    return mode;
  }

  long root() {
    return root;
  }

  /** Stores an entry in both copies (test setup, not a walker write). */
  void poke(long physicalAddress, long value) {
    reference.poke(physicalAddress, value);
    tested.poke(physicalAddress, value);
  }

  /** An entry as the reference copy holds it. */
  long peek(long physicalAddress) {
    return reference.readLong(physicalAddress);
  }

  /** Walks done so far. */
  long walks() {
    return walks;
  }

  /**
   * Walks {@code va} with both walkers and fails, with {@code context} (the seed, the case) first,
   * if the results differ; returns the common result. The entries they wrote are not compared.
   */
  WalkResult check(long va, Access access, Supplier<String> context) {
    reference.startWalk();
    tested.startWalk();
    walks++;
    WalkResult expected = REFERENCE.walk(reference, root, va, access, mode);
    WalkResult actual = invoke(va, access, context);
    if (!expected.equals(actual)) {
      throw new AssertionFailedError(
          String.format(
              "%s%n  %s: expected %s%n  but got %s%n  path before the walk:%s",
              context.get(),
              call(va, access),
              WalkCheck.describe(expected),
              WalkCheck.describe(actual),
              describePath(va)),
          WalkCheck.describe(expected),
          WalkCheck.describe(actual));
    }
    return expected;
  }

  /**
   * Walks {@code va} with both walkers and, if they return the same result, fails unless every
   * entry either wrote holds the same value in both copies: the Accessed and Dirty bits, and
   * nothing written by a walk that faults. A different result (or an exception) is not judged here,
   * the other tests do that: the copies are set equal again and false is returned.
   *
   * @return true if the bits were compared
   */
  boolean accessedAndDirtyMatch(long va, Access access, Supplier<String> context) {
    reference.startWalk();
    tested.startWalk();
    walks++;
    WalkResult expected = REFERENCE.walk(reference, root, va, access, mode);
    WalkResult actual;
    try {
      actual = walker.walk(tested, root, va, access, mode);
    } catch (UnsupportedOperationException notStarted) {
      throw notStarted;
    } catch (RuntimeException | StackOverflowError e) {
      actual = null; // a wrong result: the other tests report it
    }
    if (!expected.equals(actual)) {
      resync();
      return false;
    }
    compareMemory(va, access, expected, context);
    return true;
  }

  /** Makes the tested copy equal to the reference's in every entry either wrote in this walk. */
  private void resync() {
    Set<Long> addresses = new TreeSet<>(reference.written());
    addresses.addAll(tested.written());
    for (long address : addresses) {
      tested.poke(address, reference.readLong(address));
    }
  }

  private WalkResult invoke(long va, Access access, Supplier<String> context) {
    WalkResult r;
    try {
      r = walker.walk(tested, root, va, access, mode);
    } catch (UnsupportedOperationException notStarted) {
      throw notStarted;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionFailedError(
          context.get()
              + "\n  "
              + call(va, access)
              + ": threw "
              + e
              + "\n  path:"
              + describePath(va),
          e);
    }
    if (r == null) {
      throw new AssertionFailedError(context.get() + "\n  " + call(va, access) + ": returned null");
    }
    return r;
  }

  /** Every entry either walker wrote must now hold the same value in both copies. */
  private void compareMemory(long va, Access access, WalkResult result, Supplier<String> context) {
    Set<Long> addresses = new TreeSet<>(reference.written());
    addresses.addAll(tested.written());
    for (long address : addresses) {
      long want = reference.readLong(address);
      long got = tested.readLong(address);
      if (want != got) {
        throw new AssertionFailedError(
            String.format(
                "%s%n  %s returned %s as expected, but left the entry at 0x%x as 0x%016x (%s)"
                    + "%n  expected 0x%016x (%s): a successful walk sets A in every entry of"
                    + " its path and, for a write, D in the leaf; a faulting walk changes nothing"
                    + "%n  path before the walk:%s",
                context.get(),
                call(va, access),
                WalkCheck.describe(result),
                address,
                got,
                Pte.describeFlags(got),
                want,
                Pte.describeFlags(want),
                describePath(va)));
      }
    }
  }

  /** The walk as text: {@code walk(0x7f5aefff6123, user write, 5-level)}. */
  String call(long va, Access access) {
    return String.format(
        "walk(0x%x, %s %s, %d-level)",
        va,
        access.user() ? "user" : "supervisor",
        access.type().name().toLowerCase(Locale.ROOT),
        mode.levels());
  }

  /** The entries on the path of {@code va} as they were before the last walk. */
  String describePath(long va) {
    if (!X86Paging.isCanonical(va, mode)) {
      return " (none: the address is not canonical)";
    }
    StringBuilder sb = new StringBuilder();
    long table = root;
    for (int level = mode.levels(); level >= 1; level--) {
      int index = X86Paging.index(va, level);
      long address = table + 8L * index;
      long entry = reference.valueBefore(address);
      sb.append(
          String.format(
              "%n    level %d %s[0x%03x] at 0x%x = 0x%016x (%s)",
              level, Pte.tableName(level), index, address, entry, Pte.describeFlags(entry)));
      boolean leaf = level == 1 || (level <= 3 && X86Paging.isLarge(entry));
      if (!X86Paging.isPresent(entry) || leaf || (entry & Pte.PTE_RESERVED_HIGH) != 0) {
        break;
      }
      table = X86Paging.pteToPhys(entry);
    }
    return sb.toString();
  }
}
