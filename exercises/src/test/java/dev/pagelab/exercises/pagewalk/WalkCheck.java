package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * One walk under test and the assertions on it. Every failure message says which walk (address,
 * access, mode), what was expected and why, what came back, and the entries of the path as they
 * were before the walk.
 */
final class WalkCheck {
  private final PageTables tables;
  private final long va;
  private final Access access;
  private final String pathBefore;
  private final Map<Long, long[]> memoryBefore;
  private final WalkResult result;

  private WalkCheck(PageTables tables, long va, Access access, PageTableWalker walker) {
    this.tables = tables;
    this.va = va;
    this.access = access;
    this.pathBefore = tables.describePath(va);
    this.memoryBefore = tables.memory().snapshot();
    this.result = invoke(walker);
  }

  /** Runs {@code walker} on {@code va} over {@code tables}. */
  static WalkCheck walk(PageTableWalker walker, PageTables tables, long va, Access access) {
    return new WalkCheck(tables, va, access, walker);
  }

  /** What the walk returned. */
  WalkResult result() {
    return result;
  }

  /** Fails unless the walk returned {@code expected}; {@code why} explains the expectation. */
  WalkCheck expect(WalkResult expected, String why) {
    if (!expected.equals(result)) {
      throw new AssertionFailedError(
          call()
              + ": expected "
              + describe(expected)
              + "\n  because "
              + why
              + "\n  but got "
              + describe(result)
              + "\n  path before the walk:"
              + pathBefore,
          describe(expected),
          describe(result));
    }
    return this;
  }

  /** Fails unless the entry at {@code level} now has every bit of {@code bits} set or clear. */
  WalkCheck expectBits(int level, long bits, boolean set, String why) {
    long entry = tables.get(va, level);
    boolean ok = set ? (entry & bits) == bits : (entry & bits) == 0;
    if (!ok) {
      throw new AssertionFailedError(
          String.format(
              "%s: after the walk the %s entry (level %d) should have %s %s%n  because %s%n"
                  + "  but it is 0x%016x (%s)%n  path before the walk:%s",
              call(),
              Pte.tableName(level),
              level,
              Pte.describeFlags(bits),
              set ? "set" : "clear",
              why,
              entry,
              Pte.describeFlags(entry),
              pathBefore));
    }
    return this;
  }

  /** Fails unless the walk left memory exactly as it was. */
  WalkCheck expectMemoryUnchanged(String why) {
    if (!tables.memory().sameAs(memoryBefore)) {
      throw new AssertionFailedError(
          call()
              + ": the walk must not change memory\n  because "
              + why
              + "\n  path before the walk:"
              + pathBefore
              + "\n  path after the walk:"
              + tables.describePath(va));
    }
    return this;
  }

  /** The walk, as text: {@code walk(0x7f5aefff6123, user write, 4-level)}. */
  String call() {
    return String.format(
        "walk(0x%x, %s %s, %s)",
        va,
        access.user() ? "user" : "supervisor",
        access.type().name().toLowerCase(java.util.Locale.ROOT),
        tables.mode().levels() + "-level");
  }

  /** A result with hex addresses and a decoded error code. */
  static String describe(WalkResult r) {
    if (r instanceof Translation t) {
      return String.format(
          "Translation(physical 0x%x, %s page, level %d, writable=%b, user=%b, executable=%b)",
          t.physicalAddress(),
          t.pageSize() == null ? "?" : t.pageSize().name().substring(5),
          t.level(),
          t.writable(),
          t.user(),
          t.executable());
    }
    if (r instanceof PageFault f) {
      return String.format(
          "PageFault(level %d, %s, %s)",
          f.level(), f.reason(), Pte.describeErrorCode(f.errorCode()));
    }
    return String.valueOf(r);
  }

  /** Calls the walker; an exception other than the stub's becomes a failure that explains it. */
  private WalkResult invoke(PageTableWalker walker) {
    WalkResult r;
    try {
      r = walker.walk(tables.memory(), tables.root(), va, access, tables.mode());
    } catch (UnsupportedOperationException notStarted) {
      throw notStarted; // the stub: the grader reports "not started"
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionFailedError(
          call() + ": threw " + e + "\n  path before the walk:" + pathBefore, e);
    }
    if (r == null) {
      throw new AssertionFailedError(
          call() + ": returned null; a walk returns a result, never null");
    }
    return r;
  }
}
