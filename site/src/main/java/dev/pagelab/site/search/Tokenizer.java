package dev.pagelab.site.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into search terms, the same way {@code assets/search.js} cuts a query (a test runs both
 * on the same texts). Text is NFC-normalised and lower-cased; a run of Latin letters, digits and
 * {@code _} is one term (and, if it holds {@code _}, so is each part: {@code min_flt}, {@code min},
 * {@code flt}); a run of Hangul syllables gives its character bigrams ({@code 페이지} gives {@code
 * 페이}, {@code 이지}; one syllable alone is its own term), so a word followed by a particle ({@code
 * 페이지를}) still matches. Everything else separates terms.
 */
public final class Tokenizer {
  private Tokenizer() {}

  private static final int OTHER = 0;
  private static final int LATIN = 1;
  private static final int HANGUL = 2;

  static int kind(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      return LATIN;
    }
    if ((c >= '\uAC00' && c <= '\uD7A3') || (c >= '\u3131' && c <= '\u318E')) {
      return HANGUL;
    }
    return OTHER;
  }

  /**
   * The terms of a text, in order, with repeats.
   *
   * @param text any text
   * @return its terms
   */
  public static List<String> terms(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    List<String> terms = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int k = kind(s.charAt(i));
      int j = i + 1;
      while (j < s.length() && kind(s.charAt(j)) == k) {
        j++;
      }
      String run = s.substring(i, j);
      if (k == LATIN) {
        latin(run, terms);
      } else if (k == HANGUL) {
        hangul(run, terms);
      }
      i = j;
    }
    return terms;
  }

  private static void latin(String run, List<String> terms) {
    String word = strip(run);
    if (word.isEmpty()) {
      return;
    }
    terms.add(word);
    if (word.indexOf('_') >= 0) {
      for (String part : word.split("_")) {
        if (!part.isEmpty()) {
          terms.add(part);
        }
      }
    }
  }

  /** Drops leading and trailing underscores. */
  private static String strip(String run) {
    int a = 0;
    int b = run.length();
    while (a < b && run.charAt(a) == '_') {
      a++;
    }
    while (b > a && run.charAt(b - 1) == '_') {
      b--;
    }
    return run.substring(a, b);
  }

  private static void hangul(String run, List<String> terms) {
    if (run.length() == 1) {
      terms.add(run);
      return;
    }
    for (int i = 0; i + 1 < run.length(); i++) {
      terms.add(run.substring(i, i + 2));
    }
  }
}
