package dev.pagelab.site.markdown;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code highlighting done when the site is built, so pages need no script for it: a small lexer per
 * language (a list of patterns tried in order at each position, as Pygments' regex lexers work)
 * wraps each token in {@code <span class="tok-KIND">}. Languages: {@code scn} (the scenario
 * language), {@code sh} (and {@code console}, {@code bash}, {@code shell}), {@code java}, {@code
 * xml}; anything else is only escaped. Terminal output gets its own treatment in {@link #terminal}.
 */
public final class Highlighter {
  private record Rule(Pattern pattern, String kind) {}

  private static final String SIZE =
      "(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d+)?(?:KiB|MiB|GiB|TiB|KB|MB|GB|TB|B|K|M|G|T|ms|us|ns|s|m|h)?"
          + "(?:/s)?)(?![\\w.])";

  private static final Set<String> SCN_KEYWORDS =
      Set.of(
          "machine",
          "sysctl",
          "spawn",
          "every",
          "stop",
          "sleep",
          "expect",
          "echo",
          "file",
          "write",
          "read",
          "rm",
          "sync",
          "truncate",
          "cgroup",
          "free",
          "ps",
          "cat",
          "dmesg",
          "walk",
          "mmap",
          "munmap",
          "mprotect",
          "madvise",
          "touch",
          "fork",
          "exit",
          "pin",
          "unpin",
          "brk",
          "prctl",
          "taskset",
          "exec",
          "as");

  private static final Set<String> JAVA_KEYWORDS =
      Set.of(
          "abstract",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "record",
          "return",
          "sealed",
          "permits",
          "short",
          "static",
          "super",
          "switch",
          "this",
          "throw",
          "throws",
          "try",
          "var",
          "void",
          "while",
          "true",
          "false",
          "null",
          "yield");

  private static final Map<String, List<Rule>> LEXERS =
      Map.of(
          "scn",
          List.of(
              rule("\"(?:\\\\.|[^\"\\\\])*\"", "str"),
              rule("#.*", "com"),
              rule("[A-Za-z_][\\w.()/-]*=", "attr"),
              rule(SIZE, "num"),
              rule("[A-Za-z_][\\w.()/-]*", "word"),
              rule("==|!=|<=|>=|<|>|\\+-", "op")),
          "sh",
          List.of(
              rule("'[^']*'|\"(?:\\\\.|[^\"\\\\])*\"", "str"),
              rule("#.*", "com"),
              rule("--?[A-Za-z][\\w.-]*(?:=\\S*)?", "attr"),
              rule("\\|\\||&&|[|>&;]", "op"),
              rule("[^\\s'\"|>&;]+", "word")),
          "java",
          List.of(
              rule("//.*|/\\*[\\s\\S]*?\\*/", "com"),
              rule("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", "str"),
              rule("@[A-Za-z]\\w*", "attr"),
              rule("0x[0-9a-fA-F_]+L?|\\d[\\d_]*(?:\\.\\d+)?[LlFfDd]?", "num"),
              rule("[A-Za-z_$][\\w$]*", "word")),
          "xml",
          List.of(
              rule("<!--[\\s\\S]*?-->", "com"),
              rule("</?[\\w:.-]+|/?>", "kw"),
              rule("[\\w:.-]+(?==)", "attr"),
              rule("\"[^\"]*\"", "str")));

  private static final Pattern STAMP = Pattern.compile("(\\[\\s*\\d+\\.\\d+\\])( \\$ .*)?(.*)");

  private Highlighter() {}

  private static Rule rule(String regex, String kind) {
    return new Rule(Pattern.compile(regex), kind);
  }

  /**
   * Highlights code.
   *
   * @param code the code
   * @param language the fence's language ({@code scn}, {@code sh}, {@code java}, {@code xml}, or
   *     another word for plain text)
   * @return HTML: the code escaped, tokens in spans
   */
  public static String highlight(String code, String language) {
    String lang = alias(language.toLowerCase(Locale.ROOT));
    List<Rule> rules = LEXERS.get(lang);
    if (rules == null) {
      return escape(code);
    }
    StringBuilder out = new StringBuilder();
    Matcher[] matchers = new Matcher[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      matchers[i] = rules.get(i).pattern().matcher(code);
    }
    boolean lineStart = true;
    int pos = 0;
    while (pos < code.length()) {
      char c = code.charAt(pos);
      if (Character.isWhitespace(c)) {
        out.append(c);
        lineStart |= c == '\n';
        pos++;
        continue;
      }
      int end = -1;
      String kind = null;
      for (int i = 0; i < rules.size(); i++) {
        Matcher m = matchers[i].region(pos, code.length());
        if (m.lookingAt() && m.end() > pos) {
          end = m.end();
          kind = rules.get(i).kind();
          break;
        }
      }
      if (end < 0) {
        out.append(escape(String.valueOf(c)));
        pos++;
        lineStart = false;
        continue;
      }
      String token = code.substring(pos, end);
      kind = refine(lang, kind, token, lineStart);
      out.append(kind == null ? escape(token) : span(kind, token));
      lineStart = false;
      pos = end;
    }
    return out.toString();
  }

  /** Words become keywords, commands or types where the language says so. */
  private static String refine(String lang, String kind, String token, boolean lineStart) {
    if (!kind.equals("word")) {
      return kind;
    }
    return switch (lang) {
      case "scn" -> SCN_KEYWORDS.contains(token) ? "kw" : null;
      case "sh" -> lineStart ? "kw" : null;
      case "java" ->
          JAVA_KEYWORDS.contains(token)
              ? "kw"
              : Character.isUpperCase(token.charAt(0)) ? "type" : null;
      default -> null;
    };
  }

  private static String alias(String lang) {
    return switch (lang) {
      case "console", "bash", "shell", "sh" -> "sh";
      case "scenario", "scn" -> "scn";
      case "html", "xml", "pom" -> "xml";
      default -> lang;
    };
  }

  /**
   * Marks up a terminal's output: the simulated clock's {@code [ 1.000]} stamps, the commands the
   * simulated shell ran ({@code $ free -k}) and comment lines.
   *
   * @param output what the command printed
   * @return HTML
   */
  public static String terminal(String output) {
    StringBuilder out = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      Matcher m = STAMP.matcher(line);
      if (m.matches()) {
        out.append(span("time", m.group(1)));
        if (m.group(2) != null) {
          out.append(span("cmd", m.group(2)));
        }
        out.append(escape(m.group(3)));
      } else if (line.startsWith("# ")) {
        out.append(span("com", line));
      } else {
        out.append(escape(line));
      }
    }
    return out.toString();
  }

  private static String span(String kind, String text) {
    return "<span class=\"tok-" + kind + "\">" + escape(text) + "</span>";
  }

  /**
   * Escapes text for HTML.
   *
   * @param s the text
   * @return the text with {@code & < > "} escaped
   */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
