package dev.pagelab.exercises.pagewalk;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.Locale;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * One walk under test and the assertions on it. Every failure message, in English and in Korean
 * ({@link Feedback#of}), says which walk (address, access, mode), what was expected and why, what
 * came back, and the entries of the path as they were before the walk.
 */
final class WalkCheck {
  private final PageTables tables;
  private final long va;
  private final Access access;
  private final String pathBefore;
  private final String pathBeforeKo;
  private final Map<Long, long[]> memoryBefore;
  private final WalkResult result;

  private WalkCheck(PageTables tables, long va, Access access, PageTableWalker walker) {
    this.tables = tables;
    this.va = va;
    this.access = access;
    this.pathBefore = tables.describePath(va, false);
    this.pathBeforeKo = tables.describePath(va, true);
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

  /**
   * Fails unless the walk returned {@code expected}; {@code why} and {@code whyKo} explain the
   * expectation in English and Korean.
   */
  WalkCheck expect(WalkResult expected, String why, String whyKo) {
    if (!expected.equals(result)) {
      String en =
          String.format(
              "%s: expected %s%n  because %s%n  but got %s%n  path before the walk:%s",
              call(false), describe(expected, false), why, describe(result, false), pathBefore);
      String ko =
          String.format(
              "%s: 기대한 결과 %s%n  이유: %s%n  실제 결과 %s%n  워크 직전의 경로:%s",
              call(true), describe(expected, true), whyKo, describe(result, true), pathBeforeKo);
      throw new AssertionFailedError(
          Feedback.of(en, ko), describe(expected, false), describe(result, false));
    }
    return this;
  }

  /** Fails unless the entry at {@code level} now has every bit of {@code bits} set (or clear). */
  WalkCheck expectBits(int level, long bits, boolean set, String why, String whyKo) {
    long entry = tables.get(va, level);
    boolean ok = set ? (entry & bits) == bits : (entry & bits) == 0;
    if (!ok) {
      String flags = Pte.describeFlags(bits);
      String en =
          String.format(
              "%s: after the walk the %s entry (level %d) should have %s %s%n  because %s%n"
                  + "  but it is 0x%016x (%s)%n  path before the walk:%s",
              call(false),
              Pte.tableName(level),
              level,
              flags,
              set ? "set" : "clear",
              why,
              entry,
              Pte.describeFlags(entry),
              pathBefore);
      String ko =
          String.format(
              "%s: 워크가 끝난 뒤 %s 엔트리(레벨 %d)의 %s 비트가 %s 있어야 합니다%n  이유: %s%n"
                  + "  실제 값 0x%016x (%s)%n  워크 직전의 경로:%s",
              call(true),
              Pte.tableName(level),
              level,
              flags,
              set ? "켜져" : "꺼져",
              whyKo,
              entry,
              Pte.describeFlags(entry),
              pathBeforeKo);
      throw new AssertionFailedError(Feedback.of(en, ko));
    }
    return this;
  }

  /** Fails unless the walk left memory exactly as it was. */
  WalkCheck expectMemoryUnchanged(String why, String whyKo) {
    if (!tables.memory().sameAs(memoryBefore)) {
      String en =
          String.format(
              "%s: the walk must not change memory%n  because %s%n  path before the walk:%s%n"
                  + "  path after the walk:%s",
              call(false), why, pathBefore, tables.describePath(va, false));
      String ko =
          String.format(
              "%s: 이 워크는 메모리를 바꾸면 안 됩니다%n  이유: %s%n  워크 직전의 경로:%s%n" + "  워크 직후의 경로:%s",
              call(true), whyKo, pathBeforeKo, tables.describePath(va, true));
      throw new AssertionFailedError(Feedback.of(en, ko));
    }
    return this;
  }

  /** The walk as text: {@code walk(0x7f5aefff6123, user write, 4-level)}, or in Korean. */
  String call(boolean ko) {
    String type = access.type().name().toLowerCase(Locale.ROOT);
    if (ko) {
      String kind =
          switch (access.type()) {
            case READ -> "읽기";
            case WRITE -> "쓰기";
            case EXECUTE -> "명령어 페치";
          };
      return String.format(
          "walk(0x%x, %s %s, %d레벨)",
          va, access.user() ? "유저" : "슈퍼바이저", kind, tables.mode().levels());
    }
    return String.format(
        "walk(0x%x, %s %s, %d-level)",
        va, access.user() ? "user" : "supervisor", type, tables.mode().levels());
  }

  /** A result with hex addresses and a decoded error code, in English. */
  static String describe(WalkResult r) {
    return describe(r, false);
  }

  /** A result with hex addresses and a decoded error code, in English or Korean. */
  static String describe(WalkResult r, boolean ko) {
    if (r instanceof Translation t) {
      return String.format(
          ko
              ? "Translation(물리 주소 0x%x, %s 페이지, 레벨 %d, writable=%b, user=%b," + " executable=%b)"
              : "Translation(physical 0x%x, %s page, level %d, writable=%b, user=%b,"
                  + " executable=%b)",
          t.physicalAddress(),
          t.pageSize() == null ? "?" : t.pageSize().name().substring(5),
          t.level(),
          t.writable(),
          t.user(),
          t.executable());
    }
    if (r instanceof PageFault f) {
      return String.format(
          ko ? "PageFault(레벨 %d, %s, %s)" : "PageFault(level %d, %s, %s)",
          f.level(),
          f.reason(),
          ko ? errorCodeKo(f.errorCode()) : Pte.describeErrorCode(f.errorCode()));
    }
    return String.valueOf(r);
  }

  /** An error code in Korean words, e.g. {@code "에러 코드 6 (유저 쓰기, 페이지 없음)"}. */
  static String errorCodeKo(int code) {
    String who = (code & Pte.PFEC_U) != 0 ? "유저" : "슈퍼바이저";
    String what = (code & Pte.PFEC_I) != 0 ? "명령어 페치" : (code & Pte.PFEC_W) != 0 ? "쓰기" : "읽기";
    String why =
        (code & Pte.PFEC_RSVD) != 0 ? "예약 비트" : (code & Pte.PFEC_P) != 0 ? "보호 위반" : "페이지 없음";
    return "에러 코드 " + code + " (" + who + " " + what + ", " + why + ")";
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
          Feedback.of(
              call(false) + ": threw " + e + "\n  path before the walk:" + pathBefore,
              call(true) + ": 예외 발생 " + e + "\n  워크 직전의 경로:" + pathBeforeKo),
          e);
    }
    if (r == null) {
      throw new AssertionFailedError(
          Feedback.of(
              call(false) + ": returned null; a walk returns a result, never null",
              call(true) + ": null을 돌려주었습니다. 워크는 null이 아닌 결과를 돌려줘야 합니다"));
    }
    return r;
  }

  /** The fault a non-canonical address gives: no entry read, level 0, error code 0. */
  static PageFault nonCanonical() {
    return new PageFault(0, 0, FaultReason.NON_CANONICAL);
  }
}
