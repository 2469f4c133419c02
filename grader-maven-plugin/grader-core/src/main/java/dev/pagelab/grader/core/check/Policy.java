package dev.pagelab.grader.core.check;

import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An exercise's static policy: the one package a submission declares its classes in, and the
 * allow-list of classes and members it may use. Anything not on the list is blocked. The file
 * format ({@code grader-policy.txt}, one directive a line, {@code #} starts a comment):
 *
 * <pre>
 * package dev.pagelab.exercises.pagewalk
 * allow java.lang.Math *                          every member Math declares
 * allow java.lang.Long valueOf longValue toHexString    these members (all overloads)
 * allow java.util.Collection * -parallelStream    every member but one
 * allow java.lang.RuntimeException new            its constructors
 * allow java.lang.CharSequence                    the type only, no member
 * hint java.util.Formatter Use String.format(...). || String.format(...)을 쓰세요.
 * hint java.util.Arrays#parallelSort Use Arrays.sort. || Arrays.sort를 쓰세요.
 * </pre>
 *
 * <p>Classes are named by binary name ({@code java.util.Map$Entry}). A member is judged at the
 * class that declares it (for {@code list.stream()} on an {@code ArrayList}, that is {@code
 * java.util.Collection}); a member declared in a class that code cannot name (such as {@code
 * java.lang.AbstractStringBuilder}) is judged at the public class it is reached through. A member
 * named on the line of the class the code names is allowed too. {@code new} stands for the
 * constructors. A {@code hint} says what to use instead when that class or member is blocked.
 */
public final class Policy {
  /** Where a policy is found among the instructor's test files, e.g. for exercise pagewalk. */
  public static final String RESOURCE = "META-INF/pagelab-grader/%s/grader-policy.txt";

  /** What the file calls the constructors. */
  public static final String CONSTRUCTOR = "new";

  private final String source;
  private final String exercisePackage;
  private final Map<String, Entry> entries;
  private final Map<String, Hint> hints;

  /**
   * One {@code allow} line.
   *
   * @param className the class's binary name
   * @param all true for {@code *}
   * @param members the members named (and allowed)
   * @param excluded the members named with {@code -}
   * @param line the line of the file, for messages
   */
  public record Entry(
      String className, boolean all, Set<String> members, Set<String> excluded, int line) {
    /** Defensive copies. */
    public Entry {
      members = Collections.unmodifiableSet(new LinkedHashSet<>(members));
      excluded = Collections.unmodifiableSet(new LinkedHashSet<>(excluded));
    }

    /** True if the member may be used through this class. */
    public boolean allows(String member) {
      return !excluded.contains(member) && (all || members.contains(member));
    }
  }

  /**
   * What to use instead of a blocked class or member.
   *
   * @param en the English text
   * @param ko the Korean text
   */
  public record Hint(String en, String ko) {
    /** Checks the values. */
    public Hint {
      Objects.requireNonNull(en, "en");
      Objects.requireNonNull(ko, "ko");
    }
  }

  private Policy(
      String source, String exercisePackage, Map<String, Entry> entries, Map<String, Hint> hints) {
    this.source = source;
    this.exercisePackage = exercisePackage;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.hints = Collections.unmodifiableMap(new LinkedHashMap<>(hints));
  }

  /** Where the policy was read from, e.g. a file or a resource name. */
  public String source() {
    return source;
  }

  /** The package every class of the submission must be in. */
  public String exercisePackage() {
    return exercisePackage;
  }

  /** Every {@code allow} line, by class name. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** Every {@code hint}, by {@code class} or {@code class#member}. */
  public Map<String, Hint> hints() {
    return hints;
  }

  /** True if the class may be named (it has an {@code allow} line). */
  public boolean allowsType(String className) {
    return entries.containsKey(className);
  }

  /** The class's line, if it has one. */
  public Optional<Entry> entry(String className) {
    return Optional.ofNullable(entries.get(className));
  }

  /** The hint for a member of a class, or for the class, if the policy has one. */
  public Optional<Hint> hint(String className, String member) {
    Hint h = member == null ? null : hints.get(className + "#" + member);
    return Optional.ofNullable(h != null ? h : hints.get(className));
  }

  /**
   * Reads the policy of an exercise from the instructor's test files ({@link #RESOURCE}).
   *
   * @throws GraderException if there is none or it is malformed
   */
  public static Policy find(TestBundle tests, String exercise) throws GraderException {
    String resource = String.format(RESOURCE, exercise);
    byte[] bytes = tests.files().get(resource);
    if (bytes == null) {
      throw new GraderException(
          "no static policy for exercise "
              + exercise
              + ": the test classes hold no "
              + resource
              + " (the exercises module copies <exercise>/grader-policy.txt there)");
    }
    return parse(
        new String(bytes, StandardCharsets.UTF_8), tests.origin(resource) + "!/" + resource);
  }

  /**
   * Reads a policy file.
   *
   * @throws GraderException if it cannot be read or is malformed
   */
  public static Policy read(Path file) throws GraderException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new GraderException("cannot read the policy " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a policy.
   *
   * @param text the file's text
   * @param source its name, for messages
   * @throws GraderException naming the line of the first mistake
   */
  public static Policy parse(String text, String source) throws GraderException {
    String pkg = null;
    Map<String, Entry> entries = new LinkedHashMap<>();
    Map<String, Hint> hints = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int n = i + 1;
      String raw = lines.get(i);
      String line = (raw.startsWith("hint ") ? raw : stripComment(raw)).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      switch (words[0]) {
        case "package" -> {
          if (pkg != null || words.length != 2 || !isName(words[1], false)) {
            throw bad(source, n, raw, "one line 'package <java package>'");
          }
          pkg = words[1];
        }
        case "allow" -> {
          Entry e = entry(words, n, source, raw);
          if (entries.put(e.className(), e) != null) {
            throw bad(source, n, raw, "one 'allow' line per class; " + e.className() + " has two");
          }
        }
        case "hint" -> hint(line, n, source, raw, hints);
        default ->
            throw bad(source, n, raw, "'package', 'allow' or 'hint' at the start of the line");
      }
    }
    if (pkg == null) {
      throw new GraderException(source + ": no 'package <java package>' line");
    }
    return new Policy(source, pkg, entries, hints);
  }

  private static Entry entry(String[] words, int n, String source, String raw)
      throws GraderException {
    if (words.length < 2 || !isName(words[1], true)) {
      throw bad(source, n, raw, "'allow <binary class name> [member | new | * | -member]...'");
    }
    boolean all = false;
    Set<String> members = new LinkedHashSet<>();
    Set<String> excluded = new LinkedHashSet<>();
    for (int w = 2; w < words.length; w++) {
      String m = words[w];
      if (m.equals("*")) {
        all = true;
      } else if (m.startsWith("-") && isMember(m.substring(1))) {
        excluded.add(m.substring(1));
      } else if (isMember(m)) {
        members.add(m);
      } else {
        throw bad(source, n, raw, "a member name, 'new', '*' or '-member', not '" + m + "'");
      }
    }
    if (!excluded.isEmpty() && !all) {
      throw bad(source, n, raw, "'-member' only after '*'");
    }
    return new Entry(words[1], all, members, excluded, n);
  }

  private static void hint(String line, int n, String source, String raw, Map<String, Hint> hints)
      throws GraderException {
    String[] parts = line.substring("hint".length()).strip().split("\\s+", 2);
    int bar = parts.length < 2 ? -1 : parts[1].indexOf("||");
    String target = parts[0];
    int hash = target.indexOf('#');
    String cls = hash < 0 ? target : target.substring(0, hash);
    boolean memberOk = hash < 0 || isMember(target.substring(hash + 1));
    if (bar < 0 || !isName(cls, true) || !memberOk) {
      throw bad(source, n, raw, "'hint <class>[#member] <English text> || <Korean text>'");
    }
    String en = parts[1].substring(0, bar).strip();
    String ko = parts[1].substring(bar + 2).strip();
    if (en.isEmpty() || ko.isEmpty()) {
      throw bad(source, n, raw, "an English and a Korean text around '||'");
    }
    hints.put(target, new Hint(en, ko));
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static boolean isName(String name, boolean allowDollar) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '.' || Character.isJavaIdentifierPart(c) && (allowDollar || c != '$');
      if (!ok || Character.isIdentifierIgnorable(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMember(String name) {
    return name.equals(CONSTRUCTOR)
        || (!name.isEmpty() && isName(name, true) && !name.contains("."));
  }

  private static GraderException bad(String source, int line, String raw, String expected) {
    return new GraderException(
        source + ":" + line + ": cannot read '" + raw.strip() + "'; expected " + expected);
  }
}
