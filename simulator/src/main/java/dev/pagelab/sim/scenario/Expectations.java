package dev.pagelab.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code expect SUBJECT OP VALUE [+- TOLERANCE]}. */
final class Expectations {
  private static final String HINT =
      "expect p.rss >= 100MiB, expect p.last_min_flt == 25600, expect meminfo.MemFree > 1GiB,"
          + " expect cgroup.oomtest.oom_kill == 1";

  private Expectations() {}

  static ExpectStmt parse(ParseState state, Line line, Pos pos) throws ScenarioException {
    Token subjectTok = line.next("a subject after expect", HINT);
    ExpectStmt.Subject subject = subject(state, line, subjectTok);
    Token opTok = line.next("a comparison after " + subjectTok.text(), HINT);
    ExpectStmt.Op op = ExpectStmt.Op.ofSymbol(opTok.text());
    if (op == null) {
      throw line.error(
          opTok,
          "unknown comparison \"" + opTok.text() + "\"",
          "comparisons: ==, !=, <, <=, >, >=");
    }
    Token valueTok = line.next("a value after " + opTok.text(), HINT);
    long value = value(line, valueTok, subject);
    long tolerance = 0;
    if (line.hasNext()) {
      Token pm = line.next("", null);
      if (!pm.text().equals("+-") && !pm.text().equals("±")) {
        throw line.error(pm, "unexpected \"" + pm.text() + "\"", "a tolerance looks like +- 64KiB");
      }
      if (op != ExpectStmt.Op.EQ) {
        throw line.error(pm, "a tolerance needs ==", "e.g. expect p.rss == 80MB +- 1MiB");
      }
      Token tolTok = line.next("a tolerance after " + pm.text(), "e.g. +- 64KiB");
      tolerance = value(line, tolTok, subject);
      if (tolerance < 0) {
        throw line.error(tolTok, "a tolerance cannot be negative", "e.g. +- 64KiB");
      }
      line.end(HINT);
    }
    return new ExpectStmt(pos, subject, op, value, tolerance);
  }

  private static ExpectStmt.Subject subject(ParseState state, Line line, Token t)
      throws ScenarioException {
    int dot = t.text().indexOf('.');
    if (dot <= 0 || dot == t.text().length() - 1) {
      throw line.error(
          t,
          "expected a subject like p.rss, meminfo.MemFree or vmstat.pgfault, found \""
              + t.text()
              + "\"",
          HINT);
    }
    String scope = t.text().substring(0, dot);
    String field = t.text().substring(dot + 1);
    Token fieldTok = t.valueAfter(dot + 1);
    switch (scope) {
      case "cgroup":
        return cgroupField(state, line, fieldTok);
      case "meminfo":
        if (!field.matches("[A-Za-z0-9_()]+")) {
          throw line.error(fieldTok, "\"" + field + "\" is not a meminfo key", "e.g. MemFree");
        }
        return new ExpectStmt.Subject.MeminfoField(field);
      case "buddyinfo":
        return buddyinfoField(line, fieldTok);
      case "khugepaged":
        if (!ExpectStmt.Subject.KhugepagedField.FILES.contains(field)) {
          throw line.error(
              fieldTok,
              "\"" + field + "\" is not a khugepaged file",
              "files: " + String.join(", ", ExpectStmt.Subject.KhugepagedField.FILES));
        }
        return new ExpectStmt.Subject.KhugepagedField(field);
      case "vmstat":
        if (!field.matches("[a-z0-9_]+")) {
          throw line.error(fieldTok, "\"" + field + "\" is not a vmstat key", "e.g. pgfault");
        }
        return new ExpectStmt.Subject.VmstatField(field);
      default:
        break;
    }
    ParseState.Proc p = state.process(line, new Token(scope, t.column(), false));
    if (!ExpectStmt.Subject.ProcessField.SIZE_FIELDS.contains(field)
        && !ExpectStmt.Subject.ProcessField.COUNT_FIELDS.contains(field)) {
      throw line.error(
          fieldTok,
          "unknown process field \"" + field + "\"",
          "fields: "
              + String.join(", ", ExpectStmt.Subject.ProcessField.SIZE_FIELDS)
              + ", "
              + String.join(", ", ExpectStmt.Subject.ProcessField.COUNT_FIELDS));
    }
    return new ExpectStmt.Subject.ProcessField(p.alias, field);
  }

  /** {@code ZONE.ORDER} of {@code buddyinfo.ZONE.ORDER}. */
  private static ExpectStmt.Subject buddyinfoField(Line line, Token t) throws ScenarioException {
    String text = t.text();
    int dot = text.lastIndexOf('.');
    String order = dot < 0 ? "" : text.substring(dot + 1);
    if (dot <= 0 || !order.matches("[0-9]|10") || !text.substring(0, dot).matches("[A-Za-z0-9]+")) {
      throw line.error(
          t,
          "expected buddyinfo.ZONE.ORDER, found \"buddyinfo." + text + "\"",
          "e.g. buddyinfo.Normal.9 (zones DMA, DMA32, Normal; orders 0 to 10)");
    }
    return new ExpectStmt.Subject.BuddyinfoField(text.substring(0, dot), Integer.parseInt(order));
  }

  /** {@code NAME.memory.current}, {@code NAME.memory.max} or {@code NAME.EVENT}. */
  private static ExpectStmt.Subject cgroupField(ParseState state, Line line, Token t)
      throws ScenarioException {
    String text = t.text();
    List<String> fields = new ArrayList<>(ExpectStmt.Subject.CgroupField.SIZE_FIELDS);
    fields.addAll(ExpectStmt.Subject.CgroupField.SWAP_EVENTS);
    fields.addAll(ExpectStmt.Subject.CgroupField.EVENTS);
    for (String field : fields) {
      if (text.endsWith("." + field) && text.length() > field.length() + 1) {
        String name = text.substring(0, text.length() - field.length() - 1);
        state.cgroup(line, new Token(name, t.column(), false));
        return new ExpectStmt.Subject.CgroupField(name, field);
      }
    }
    throw line.error(
        t,
        "expected cgroup.NAME.FIELD, found \"cgroup." + text + "\"",
        "fields: " + String.join(", ", fields));
  }

  private static long value(Line line, Token t, ExpectStmt.Subject subject)
      throws ScenarioException {
    return subject.isSize() ? Values.size(line, t) : Values.count(line, t);
  }
}
