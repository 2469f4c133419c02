package dev.pagelab.sim.cli;

import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.tools.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the processes of a directory laid out like {@code /proc} into {@link Task}s: {@code
 * <pid>/status} ({@code fs/proc/array.c proc_pid_status}, {@code fs/proc/task_mmu.c task_mem}),
 * {@code <pid>/stat} (for {@code PF_KTHREAD} on kernels without a {@code Kthread:} line), {@code
 * <pid>/oom_score_adj} and, if present, {@code <pid>/oom_score}. It accepts the status lines of any
 * kernel version (it looks lines up by name), and skips a process that vanished while it was read.
 */
final class ProcTasks {
  /** {@code PF_KTHREAD} in the flags field of {@code /proc/<pid>/stat}. */
  private static final long PF_KTHREAD = 0x00200000L;

  /**
   * One process as read.
   *
   * @param task the values the OOM killer uses
   * @param kernelOomScore the {@code oom_score} file's value, if there was one
   */
  record Entry(Task task, OptionalLong kernelOomScore) {}

  private ProcTasks() {}

  /** Every numeric directory of {@code dir}, in pid order (the order processes are forked in). */
  static List<Entry> read(Path dir) throws InputException {
    List<Integer> pids = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)) {
          pids.add(Integer.parseInt(name));
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(dir + ": no such directory: expected a /proc-like directory");
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list: " + e.getClass().getSimpleName());
    }
    pids.sort(null);
    List<Entry> out = new ArrayList<>();
    for (int pid : pids) {
      Entry e = readPid(dir.resolve(Integer.toString(pid)), pid);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** One process, or null if it exited while being read. */
  private static Entry readPid(Path pidDir, int pid) throws InputException {
    String status = readOrNull(pidDir, "status");
    String stat = readOrNull(pidDir, "stat");
    String adjText = readOrNull(pidDir, "oom_score_adj");
    String scoreText = readOptional(pidDir, "oom_score");
    if (status == null || stat == null || adjText == null) {
      return null;
    }
    Status f = fields(pidDir.resolve("status"), status);
    long flags = statFlags(pidDir.resolve("stat"), stat);
    boolean kthread =
        f.has("Kthread") ? f.number("Kthread", false) == 1 : (flags & PF_KTHREAD) != 0;
    boolean hasMm = f.has("VmSize");
    int adj = adj(pidDir.resolve("oom_score_adj"), adjText);
    Task t =
        new Task(
            (int) f.number("Pid", false),
            (int) f.number("Tgid", false),
            unescape(f.require("Name").value),
            f.uid(),
            kthread,
            pid == 1,
            hasMm,
            hasMm ? f.number("RssAnon", true) / 4 : 0,
            hasMm ? f.number("RssFile", true) / 4 : 0,
            hasMm ? f.number("RssShmem", true) / 4 : 0,
            hasMm && f.has("VmSwap") ? f.number("VmSwap", true) / 4 : 0,
            hasMm ? f.number("VmPTE", true) * 1024 : 0,
            hasMm ? f.number("VmSize", true) / 4 : 0,
            adj,
            false,
            false,
            false,
            "/");
    OptionalLong score =
        scoreText == null
            ? OptionalLong.empty()
            : OptionalLong.of(score(pidDir.resolve("oom_score"), scoreText));
    return new Entry(t, score);
  }

  /** A file's text, or null if the process is gone. */
  private static String readOrNull(Path pidDir, String name) throws InputException {
    Path file = pidDir.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      if (!Files.exists(pidDir)) {
        return null; // the process exited while we read it
      }
      if (e instanceof NoSuchFileException) {
        throw new InputException(file + ": no such file: expected the " + name + " of a process");
      }
      throw new InputException(file + ": cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** A file that may be missing (a capture without it, or an exited process). */
  private static String readOptional(Path pidDir, String name) {
    try {
      return Files.readString(pidDir.resolve(name), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null;
    }
  }

  private record Field(int line, String value) {}

  /** The lines of one status file by key, with the file's name for messages. */
  private record Status(Path file, Map<String, Field> fields) {
    boolean has(String key) {
      return fields.containsKey(key);
    }

    Field require(String key) throws InputException {
      Field v = fields.get(key);
      if (v == null) {
        throw new InputException(file + ": missing line \"" + key + ":\": the OOM score needs it");
      }
      return v;
    }

    InputException bad(String key, Field v, String expected) {
      return new InputException(
          file
              + ":"
              + v.line
              + ": field \""
              + key
              + "\" has value "
              + InputException.quote(v.value)
              + ": expected "
              + expected);
    }

    /** A whole number, or {@code "<number> kB"} when {@code kb}. */
    long number(String key, boolean kb) throws InputException {
      Field v = require(key);
      String text = v.value;
      if (kb) {
        text = text.endsWith(" kB") ? text.substring(0, text.length() - 3).strip() : "?";
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw bad(key, v, kb ? "\"<number> kB\"" : "a whole number");
      }
    }

    /** The real uid: the first number of the {@code Uid:} line. */
    int uid() throws InputException {
      Field v = require("Uid");
      try {
        return (int) Long.parseLong(v.value.split("\\s+")[0]);
      } catch (NumberFormatException e) {
        throw bad("Uid", v, "four uids");
      }
    }
  }

  /** {@code Key:<whitespace>value} lines by key. */
  private static Status fields(Path file, String text) throws InputException {
    Map<String, Field> out = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty() && i == lines.length - 1) {
        break;
      }
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new InputException(
            file
                + ":"
                + (i + 1)
                + ": bad line "
                + InputException.quote(lines[i])
                + ": expected \"Key:\tvalue\"");
      }
      String value = lines[i].substring(colon + 1).strip();
      out.putIfAbsent(lines[i].substring(0, colon), new Field(i + 1, value));
    }
    return new Status(file, out);
  }

  /** The flags field (9th) of {@code /proc/<pid>/stat}; comm may contain spaces and ')'. */
  private static long statFlags(Path file, String text) throws InputException {
    int close = text.lastIndexOf(") ");
    String[] rest = close < 0 ? new String[0] : text.substring(close + 2).strip().split(" ");
    if (rest.length < 7) {
      throw new InputException(
          file
              + ":1: bad line "
              + InputException.quote(text.strip())
              + ": expected \"pid (comm) state ppid ...\"");
    }
    try {
      return Long.parseUnsignedLong(rest[6]);
    } catch (NumberFormatException e) {
      throw new InputException(
          file
              + ":1: field flags has value "
              + InputException.quote(rest[6])
              + ": expected a whole number");
    }
  }

  private static int adj(Path file, String text) throws InputException {
    String v = text.strip();
    try {
      int adj = Integer.parseInt(v);
      if (adj >= Task.OOM_SCORE_ADJ_MIN && adj <= Task.OOM_SCORE_ADJ_MAX) {
        return adj;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(
        file
            + ":1: value "
            + InputException.quote(v)
            + ": expected a whole number from -1000 to 1000");
  }

  private static long score(Path file, String text) throws InputException {
    String v = text.strip();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InputException(
          file + ":1: value " + InputException.quote(v) + ": expected a whole number");
    }
  }

  /** Undoes the escaping of {@code proc_task_name}: {@code \\} and {@code \n}. */
  private static String unescape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length()) {
        char n = name.charAt(++i);
        out.append(n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
