package dev.pagelab.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the target of a range command ({@code buf} or {@code 0x7f0000000000}) and its {@code
 * offset=} / {@code length=} options, and checks them against what is known of the region.
 */
final class SpanParser {
  private final Line line;
  private final ParseState.Proc proc;
  private final String command;
  private final String hint;
  private final boolean pageAligned;
  private final Token targetToken;
  private final Target target;
  private final ParseState.Region region;
  private final Options options;
  private long regionSize = -1;

  /**
   * Reads the target word now; the caller then offers the other words to {@link #options()}.
   *
   * @param pageAligned true if the start must be page aligned (munmap, mprotect, madvise)
   * @param extraKeys option keys besides offset and length
   */
  SpanParser(
      ParseState state,
      Line line,
      ParseState.Proc proc,
      String command,
      String hint,
      boolean pageAligned,
      String... extraKeys)
      throws ScenarioException {
    this.line = line;
    this.proc = proc;
    this.command = command;
    this.hint = hint;
    this.pageAligned = pageAligned;
    this.targetToken = line.next("a region or an address after " + command, hint);
    List<String> keys = new ArrayList<>(List.of("offset", "length"));
    keys.addAll(List.of(extraKeys));
    this.options = new Options(line, command, keys, hint);
    if (!targetToken.text().isEmpty() && Character.isDigit(targetToken.text().charAt(0))) {
      this.target = new Target.Address(Values.address(line, targetToken));
      this.region = null;
    } else {
      int plus = targetToken.text().indexOf('+');
      if (plus > 0) {
        throw line.error(
            targetToken.valueAfter(plus),
            command + " takes offset= instead of \"+\"",
            command
                + " "
                + targetToken.text().substring(0, plus)
                + " offset="
                + targetToken.text().substring(plus + 1));
      }
      this.region = state.region(line, proc, targetToken);
      this.target = new Target.Region(region.name());
    }
  }

  Options options() {
    return options;
  }

  Token targetToken() {
    return targetToken;
  }

  /** The size of the targeted region, -1 if the target is an address or the size is unknown. */
  long regionSize() {
    return regionSize;
  }

  /** Checks offset and length and builds the span. */
  Span finish() throws ScenarioException {
    Token offsetTok = options.value("offset");
    Token lengthTok = options.value("length");
    OptionalLong length =
        lengthTok == null
            ? OptionalLong.empty()
            : OptionalLong.of(Values.positiveSize(line, lengthTok, "length="));
    if (target instanceof Target.Address a) {
      return addressSpan(a, length);
    }
    long offset =
        offsetTok == null
            ? 0
            : pageAligned
                ? Values.pageMultiple(line, offsetTok, "offset=")
                : Values.size(line, offsetTok);
    regionSize = proc.sizeOf(region);
    if (regionSize == 0) {
      throw line.error(
          targetToken,
          "the heap of " + proc.alias + " is empty",
          "grow it first: " + proc.alias + " brk +SIZE");
    }
    if (regionSize > 0) {
      checkInside(offset, length, offsetTok, lengthTok);
    }
    return new Span(target, offset, length);
  }

  private Span addressSpan(Target.Address a, OptionalLong length) throws ScenarioException {
    if (options.value("offset") != null) {
      throw line.error(
          options.word("offset"),
          "offset= applies to regions, not to an address",
          "add the offset to the address instead");
    }
    if (length.isEmpty()) {
      throw new ScenarioException(
          line.endPos(), "length= is required when the target is an address", hint);
    }
    if (pageAligned && a.address() % 4096 != 0) {
      throw line.error(
          targetToken,
          command + " needs a page-aligned address, found " + targetToken.text(),
          "use a multiple of 0x1000");
    }
    return new Span(a, 0, length);
  }

  private void checkInside(long offset, OptionalLong length, Token offsetTok, Token lengthTok)
      throws ScenarioException {
    String name = region.name();
    String size = Quantities.formatSize(regionSize);
    if (offset >= regionSize) {
      throw line.error(
          offsetTok,
          "offset=" + offsetTok.text() + " is past the end of " + name + " (" + size + ")",
          "offsets count from the start of the region");
    }
    if (length.isPresent() && length.getAsLong() > regionSize - offset) {
      throw line.error(
          lengthTok,
          "offset+length runs past the end of " + name + " (" + size + ")",
          "at most "
              + Quantities.formatSize(regionSize - offset)
              + " fit after offset "
              + Quantities.formatSize(offset));
    }
  }

  /** True if the span starts at the region's start and reaches its end. */
  boolean coversWholeRegion(Span span) {
    return span.offset() == 0
        && (span.length().isEmpty() || span.length().getAsLong() >= regionSize);
  }
}
