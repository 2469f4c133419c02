package dev.pagelab.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command line of the form {@code pagelab ARGS | FILTER | ...}, as a page shows it and a
 * reader types it. The filters are the few Unix tools a page needs to show part of an output, with
 * their real meaning: {@code head -n N}, {@code tail -n N} (or {@code +N}), {@code grep -F|-E [-v]
 * [-A N] PATTERN} and {@code sed -n '/RE1/,/RE2/p'} (or {@code 'N,Mp'}).
 *
 * @param args the words after {@code pagelab}
 * @param filters the filters, applied in order
 * @param text the command line as written
 */
public record Pipeline(List<String> args, List<Filter> filters, String text) {

  /** One filter of the pipeline. */
  public sealed interface Filter permits Head, Tail, Grep, SedRange {
    /**
     * Applies the filter.
     *
     * @param lines the input lines
     * @return the output lines
     */
    List<String> apply(List<String> lines);
  }

  /**
   * {@code head -n N}: the first N lines.
   *
   * @param n how many lines
   */
  public record Head(int n) implements Filter {
    @Override
    public List<String> apply(List<String> lines) {
      return lines.subList(0, Math.min(n, lines.size()));
    }
  }

  /**
   * {@code tail -n N}: the last N lines, or with {@code +N} the lines from line N on.
   *
   * @param n the count or the first line
   * @param fromLine whether {@code +N} was written
   */
  public record Tail(int n, boolean fromLine) implements Filter {
    @Override
    public List<String> apply(List<String> lines) {
      int start = fromLine ? Math.max(0, n - 1) : Math.max(0, lines.size() - n);
      return lines.subList(Math.min(start, lines.size()), lines.size());
    }
  }

  /**
   * {@code grep}: the lines that match (or, with {@code -v}, do not), each with {@code after} lines
   * of context after it.
   *
   * @param pattern the compiled pattern
   * @param invert {@code -v}
   * @param after {@code -A N}
   */
  public record Grep(Pattern pattern, boolean invert, int after) implements Filter {
    @Override
    public List<String> apply(List<String> lines) {
      boolean[] keep = new boolean[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        if (pattern.matcher(lines.get(i)).find() != invert) {
          for (int j = i; j <= Math.min(i + after, lines.size() - 1); j++) {
            keep[j] = true;
          }
        }
      }
      List<String> out = new ArrayList<>();
      int previous = -1;
      for (int j = 0; j < lines.size(); j++) {
        if (keep[j]) {
          if (after > 0 && previous >= 0 && j > previous + 1) {
            out.add("--"); // grep's separator between groups of context
          }
          out.add(lines.get(j));
          previous = j;
        }
      }
      return out;
    }
  }

  /**
   * {@code sed -n '/RE1/,/RE2/p'}: every range from a line matching the first pattern to the next
   * line matching the second, both included; {@code 'N,Mp'} selects by line number.
   *
   * @param from the start pattern, or null for a line number
   * @param to the end pattern, or null for a line number
   * @param fromLine the first line (1-based) when {@code from} is null
   * @param toLine the last line when {@code to} is null
   */
  public record SedRange(Pattern from, Pattern to, int fromLine, int toLine) implements Filter {
    @Override
    public List<String> apply(List<String> lines) {
      List<String> out = new ArrayList<>();
      boolean in = false;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (!in && (from == null ? i + 1 == fromLine : from.matcher(l).find())) {
          in = true;
          out.add(l);
          continue;
        }
        if (in) {
          out.add(l);
          if (to == null ? i + 1 >= toLine : to.matcher(l).find()) {
            in = false;
          }
        }
      }
      return out;
    }
  }

  /**
   * Parses {@code ARGS [| FILTER]...}, the words after {@code pagelab}.
   *
   * @param text the command line without the leading {@code pagelab}
   * @return the pipeline
   * @throws SiteException for a filter or quoting it does not know, naming the command
   */
  public static Pipeline parse(String text) {
    List<List<String>> stages = new ArrayList<>();
    stages.add(new ArrayList<>());
    for (Word w : words(text)) {
      if (!w.quoted() && w.text().equals("|")) {
        stages.add(new ArrayList<>());
      } else {
        stages.get(stages.size() - 1).add(w.text());
      }
    }
    if (stages.get(0).isEmpty()) {
      throw new SiteException("empty pagelab command: \"" + text + "\"");
    }
    List<Filter> filters = new ArrayList<>();
    for (List<String> stage : stages.subList(1, stages.size())) {
      filters.add(filter(stage, text));
    }
    return new Pipeline(List.copyOf(stages.get(0)), List.copyOf(filters), text.strip());
  }

  /**
   * Applies the filters to a command's output.
   *
   * @param output the output of {@code pagelab ARGS}
   * @return the filtered output, ending with a newline unless empty
   */
  public String filter(String output) {
    List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    for (Filter f : filters) {
      lines = f.apply(lines);
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private record Word(String text, boolean quoted) {}

  /** Splits a command line into words as a POSIX shell does for single and double quotes. */
  private static List<Word> words(String text) {
    List<Word> words = new ArrayList<>();
    StringBuilder cur = null;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw new SiteException("unclosed " + c + " in pagelab command: \"" + text + "\"");
        }
        cur = cur == null ? new StringBuilder() : cur;
        cur.append(text, i + 1, end);
        quoted = true;
        i = end;
      } else if (Character.isWhitespace(c)) {
        if (cur != null) {
          words.add(new Word(cur.toString(), quoted));
        }
        cur = null;
        quoted = false;
      } else {
        cur = cur == null ? new StringBuilder() : cur;
        cur.append(c);
      }
    }
    if (cur != null) {
      words.add(new Word(cur.toString(), quoted));
    }
    return words;
  }

  private static final Pattern SED_RANGE = Pattern.compile("/(.*)/,/(.*)/p");
  private static final Pattern SED_LINES = Pattern.compile("(\\d+),(\\d+)p");

  private static Filter filter(List<String> w, String text) {
    String cmd = w.isEmpty() ? "" : w.get(0);
    try {
      switch (cmd) {
        case "head":
          return new Head(count(w, text));
        case "tail":
          {
            String n = w.size() == 3 && w.get(1).equals("-n") ? w.get(2) : "";
            return n.startsWith("+")
                ? new Tail(Integer.parseInt(n.substring(1)), true)
                : new Tail(count(w, text), false);
          }
        case "grep":
          return grep(w, text);
        case "sed":
          {
            Matcher m;
            if (w.size() == 3 && w.get(1).equals("-n")) {
              if ((m = SED_RANGE.matcher(w.get(2))).matches()) {
                return new SedRange(bre(m.group(1)), bre(m.group(2)), 0, 0);
              }
              if ((m = SED_LINES.matcher(w.get(2))).matches()) {
                return new SedRange(
                    null, null, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
              }
            }
            break;
          }
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // reported below
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new SiteException(
          "bad pattern in \""
              + String.join(" ", w)
              + "\" of \""
              + text
              + "\": "
              + e.getDescription()
              + " (in Markdown, a backslash in a fence's first line escapes the next character;"
              + " write [(] instead of \\()");
    }
    throw new SiteException(
        "unknown filter \""
            + String.join(" ", w)
            + "\" in pagelab command \""
            + text
            + "\": expected head -n N, tail -n N, grep -F|-E [-v] [-A N] PATTERN or sed -n '/A/,/B/p'");
  }

  private static int count(List<String> w, String text) {
    if (w.size() == 3 && w.get(1).equals("-n")) {
      return Integer.parseInt(w.get(2));
    }
    throw new NumberFormatException(text);
  }

  private static Grep grep(List<String> w, String text) {
    boolean invert = false;
    Boolean extended = null;
    int after = 0;
    int i = 1;
    for (; i < w.size() - 1; i++) {
      if (w.get(i).equals("--")) {
        i++; // the end of the options: the pattern may start with -
        break;
      }
      switch (w.get(i)) {
        case "-v" -> invert = true;
        case "-E" -> extended = true;
        case "-F" -> extended = false;
        case "-A" -> after = Integer.parseInt(w.get(++i));
        default -> throw new NumberFormatException(text);
      }
    }
    if (extended == null || i != w.size() - 1) {
      throw new NumberFormatException(text);
    }
    String p = w.get(i);
    return new Grep(
        extended ? Pattern.compile(p) : Pattern.compile(Pattern.quote(p)), invert, after);
  }

  /** A POSIX basic regular expression as a Java pattern: + ? | ( ) { } are plain characters. */
  static Pattern bre(String re) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(++i);
        sb.append("()|{}+?".indexOf(n) >= 0 ? String.valueOf(n) : "\\" + n);
      } else if ("()|{}+?".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return Pattern.compile(sb.toString());
  }
}
