package dev.pagelab.sim.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what sar and sadc read in a {@code strace -f -tt -e trace=openat,read} capture: sadc's
 * reads of {@code /proc/uptime}, {@code /proc/meminfo} and {@code /proc/vmstat} at each sample, and
 * sar's reads of sadc's binary stream on fd 0 (the {@code struct file_header} of sysstat 12.6.1
 * with the host's uname fields, and one 24-byte {@code struct record_header} per sample with its
 * wall-clock time). The machine ran in UTC ({@code /etc/localtime} is {@code UTC0}).
 */
public final class SarStrace {
  /** One sample: the exact text of each file and the time sar printed for it. */
  public record Sample(String uptime, String meminfo, String vmstat, LocalTime wallClock) {}

  /** A parsed capture: the banner's host and the samples in order. */
  public record Capture(SarHost host, List<Sample> samples) {
    /** The samples as {@link Sar} takes them. */
    public List<SarSample> sarSamples() throws InputException {
      List<SarSample> out = new ArrayList<>();
      for (Sample s : samples) {
        Map<String, Long> m =
            s.meminfo().isEmpty() ? Map.of() : MeminfoFile.parse("meminfo", s.meminfo()).fields();
        Map<String, Long> v =
            s.vmstat().isEmpty() ? Map.of() : VmstatFile.parse("vmstat", s.vmstat()).counters();
        out.add(new SarSample(uptimeCentis(s.uptime()), m, v, s.wallClock()));
      }
      return out;
    }
  }

  private static final Pattern OPEN =
      Pattern.compile("^(\\d+) \\S+ openat\\(AT_FDCWD, \"([^\"]+)\", [^)]*\\) = (\\d+)$");
  private static final Pattern OPEN_START =
      Pattern.compile("^(\\d+) \\S+ openat\\(AT_FDCWD, \"([^\"]+)\", .*<unfinished \\.\\.\\.>$");
  private static final Pattern OPEN_END =
      Pattern.compile("^(\\d+) \\S+ <\\.\\.\\. openat resumed>\\) = (\\d+)$");
  private static final Pattern READ =
      Pattern.compile("^(\\d+) \\S+ read\\((\\d+), (\".*\"), \\d+\\) = (\\d+)$");
  private static final Pattern READ_START =
      Pattern.compile("^(\\d+) \\S+ read\\((\\d+),  <unfinished \\.\\.\\.>$");
  private static final Pattern READ_END =
      Pattern.compile("^(\\d+) \\S+ <\\.\\.\\. read resumed>(\".*\"), \\d+\\) = (\\d+)$");

  /** {@code sizeof(struct file_header)} and {@code sizeof(struct record_header)} in 12.6.1. */
  private static final int FILE_HEADER = 336;

  private static final int RECORD_HEADER = 24;

  private SarStrace() {}

  /**
   * Parses a capture.
   *
   * @param text the whole strace output
   * @return the host and the samples
   */
  public static Capture parse(String text) {
    Map<String, String> fdPath = new HashMap<>();
    Map<String, String> pending = new HashMap<>();
    List<String[]> files = new ArrayList<>(); // {path, text} in read order
    List<byte[]> stream = new ArrayList<>(); // sar's reads of fd 0
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = OPEN_START.matcher(line)).matches()) {
        pending.put("o" + m.group(1), m.group(2));
      } else if ((m = OPEN_END.matcher(line)).matches() && pending.containsKey("o" + m.group(1))) {
        fdPath.put(m.group(1) + ":" + m.group(2), pending.remove("o" + m.group(1)));
      } else if ((m = OPEN.matcher(line)).matches()) {
        fdPath.put(m.group(1) + ":" + m.group(3), m.group(2));
      } else if ((m = READ_START.matcher(line)).matches()) {
        pending.put("r" + m.group(1), m.group(2));
      } else if ((m = READ_END.matcher(line)).matches() && pending.containsKey("r" + m.group(1))) {
        String fd = pending.remove("r" + m.group(1));
        read(m.group(1), fd, unescape(m.group(2)), fdPath, files, stream);
      } else if ((m = READ.matcher(line)).matches()) {
        read(m.group(1), m.group(2), unescape(m.group(3)), fdPath, files, stream);
      }
    }
    return new Capture(host(stream), samples(files, stream));
  }

  private static void read(
      String pid,
      String fd,
      byte[] data,
      Map<String, String> fdPath,
      List<String[]> files,
      List<byte[]> stream) {
    if (fd.equals("0")) {
      stream.add(data);
      return;
    }
    String path = fdPath.get(pid + ":" + fd);
    if (path != null && path.startsWith("/proc/")) {
      files.add(new String[] {path, new String(data, StandardCharsets.ISO_8859_1)});
    }
  }

  /** Groups the /proc reads: each read of /proc/uptime starts a sample. */
  private static List<Sample> samples(List<String[]> files, List<byte[]> stream) {
    List<Map<String, StringBuilder>> groups = new ArrayList<>();
    for (String[] f : files) {
      if (f[0].equals("/proc/uptime") && !f[1].isEmpty()) {
        groups.add(new HashMap<>());
      }
      if (!groups.isEmpty()) {
        groups.get(groups.size() - 1).computeIfAbsent(f[0], k -> new StringBuilder()).append(f[1]);
      }
    }
    Map<Long, LocalTime> times = new HashMap<>();
    for (byte[] b : stream) {
      if (b.length == RECORD_HEADER) {
        ByteBuffer r = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        times.put(r.getLong(0), LocalTime.of(b[21], b[22], b[23]));
      }
    }
    List<Sample> out = new ArrayList<>();
    for (Map<String, StringBuilder> g : groups) {
      String up = text(g, "/proc/uptime");
      LocalTime t = times.get(uptimeCentis(up));
      if (t == null) {
        throw new IllegalStateException("SarStrace: no record header for uptime " + up.trim());
      }
      out.add(new Sample(up, text(g, "/proc/meminfo"), text(g, "/proc/vmstat"), t));
    }
    return out;
  }

  private static String text(Map<String, StringBuilder> g, String path) {
    StringBuilder b = g.get(path);
    return b == null ? "" : b.toString();
  }

  /** The uname fields, CPU count and date of sadc's {@code struct file_header}. */
  private static SarHost host(List<byte[]> stream) {
    for (byte[] b : stream) {
      if (b.length == FILE_HEADER) {
        ByteBuffer r = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        LocalDate date = Instant.ofEpochSecond(r.getLong(0)).atOffset(ZoneOffset.UTC).toLocalDate();
        int cpuNr = r.getInt(16); // sa_cpu_nr counts CPU "all" too
        return new SarHost(
            cstring(b, 67),
            cstring(b, 197),
            cstring(b, 132),
            date,
            cstring(b, 262),
            cpuNr > 1 ? cpuNr - 1 : 1);
      }
    }
    throw new IllegalStateException("SarStrace: no file header read on fd 0");
  }

  private static String cstring(byte[] b, int from) {
    int end = from;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
  }

  /** sadc's {@code read_uptime}: {@code "%lu.%lu"}, seconds * 100 + hundredths. */
  static long uptimeCentis(String uptime) {
    String first = uptime.trim().split(" ")[0];
    String[] parts = first.split("\\.");
    return Long.parseLong(parts[0]) * 100 + Long.parseLong(parts[1]);
  }

  /** Decodes a C string literal as strace prints it. */
  static byte[] unescape(String quoted) {
    String s = quoted.substring(1, quoted.length() - 1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      if (e >= '0' && e <= '7') {
        int v = 0;
        int n = 0;
        while (n < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
          v = v * 8 + (s.charAt(i++) - '0');
          n++;
        }
        i--;
        out.write(v);
      } else {
        out.write(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'v' -> 0x0b;
              case 'f' -> '\f';
              default -> e;
            });
      }
    }
    return out.toByteArray();
  }
}
