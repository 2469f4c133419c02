package dev.pagelab.grader.core.report;

import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as indented JSON. Map order is kept, so a
 * {@link java.util.LinkedHashMap} built in a fixed order gives the same text every time.
 */
final class Json {
  private Json() {}

  /** The value as JSON text, with a final line break. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, out);
    return out.append('\n').toString();
  }

  private static void write(Object value, int depth, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(s, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, depth, out);
    } else if (value instanceof List<?> list) {
      writeList(list, depth, out);
    } else {
      throw new IllegalArgumentException(
          "Json.write: cannot write a " + value.getClass().getName());
    }
  }

  private static void writeMap(Map<?, ?> map, int depth, StringBuilder out) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String sep = "\n";
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(sep).append("  ".repeat(depth + 1));
      quote(String.valueOf(e.getKey()), out);
      out.append(": ");
      write(e.getValue(), depth + 1, out);
      sep = ",\n";
    }
    out.append('\n').append("  ".repeat(depth)).append('}');
  }

  private static void writeList(List<?> list, int depth, StringBuilder out) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String sep = "\n";
    for (Object item : list) {
      out.append(sep).append("  ".repeat(depth + 1));
      write(item, depth + 1, out);
      sep = ",\n";
    }
    out.append('\n').append("  ".repeat(depth)).append(']');
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
