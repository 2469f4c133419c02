package dev.pagelab.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a written site: every {@code href} and {@code src} of every page names a file of the site
 * and, with a {@code #fragment}, an {@code id} in it; and the {@code ko} and {@code en} folders
 * hold the same files. Addresses with a scheme ({@code https:}) are not followed: the build has no
 * network.
 */
public final class LinkChecker {
  private static final Pattern REF = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
  private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

  private final Path site;
  private final Map<String, Set<String>> ids = new HashMap<>();

  /**
   * A checker of one written site.
   *
   * @param site the site's top folder
   */
  public LinkChecker(Path site) {
    this.site = site;
  }

  /**
   * Every problem found.
   *
   * @return one line per broken link, anchor or missing translation; empty when all is well
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    List<String> pages = files(".html");
    for (String page : pages) {
      String html = read(page);
      Matcher m = REF.matcher(html);
      while (m.find()) {
        String problem = check(page, unescape(m.group(1)));
        if (problem != null) {
          problems.add(page + ": " + problem);
        }
      }
    }
    problems.addAll(translations());
    return problems;
  }

  private String check(String page, String ref) {
    if (ref.isEmpty()) {
      return "empty link";
    }
    if (ref.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // https:, mailto: ... are not followed
    }
    int hash = ref.indexOf('#');
    String path = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? null : percentDecode(ref.substring(hash + 1));
    String target = path.isEmpty() ? page : Urls.resolve(page, percentDecode(path));
    if (target == null || !Files.isRegularFile(site.resolve(target))) {
      return "broken link \"" + ref + "\": no file " + target;
    }
    if (fragment != null && target.endsWith(".html") && !idsOf(target).contains(fragment)) {
      return "broken anchor \"" + ref + "\": " + target + " has no id \"" + fragment + "\"";
    }
    return null;
  }

  private Set<String> idsOf(String page) {
    return ids.computeIfAbsent(
        page,
        p -> {
          Set<String> s = new HashSet<>();
          Matcher m = ID.matcher(read(p));
          while (m.find()) {
            s.add(unescape(m.group(1)));
          }
          return s;
        });
  }

  /** The ko and en folders must hold the same files. */
  private List<String> translations() {
    List<String> problems = new ArrayList<>();
    Set<String> ko = new HashSet<>();
    Set<String> en = new HashSet<>();
    for (String f : files("")) {
      if (f.startsWith("ko/")) {
        ko.add(f.substring(3));
      } else if (f.startsWith("en/")) {
        en.add(f.substring(3));
      }
    }
    for (String f : ko) {
      if (!en.contains(f)) {
        problems.add("ko/" + f + ": exists in Korean only; add en/" + f);
      }
    }
    for (String f : en) {
      if (!ko.contains(f)) {
        problems.add("en/" + f + ": exists in English only; add ko/" + f);
      }
    }
    problems.sort(null);
    return problems;
  }

  private List<String> files(String suffix) {
    try (Stream<Path> s = Files.walk(site)) {
      return s.filter(Files::isRegularFile)
          .map(p -> site.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String page) {
    try {
      return Files.readString(site.resolve(page), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** Decodes {@code %XX} escapes as UTF-8 (a {@code +} stays a plus). */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
