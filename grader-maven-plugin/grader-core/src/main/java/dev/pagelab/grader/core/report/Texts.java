package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.core.check.Rule;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/** The report's texts in one language: Korean for {@code ko}, English otherwise. */
public final class Texts {
  private final ResourceBundle bundle;
  private final String language;

  /** The texts for a locale, e.g. {@code Locale.KOREAN} or {@code Locale.ENGLISH}. */
  public Texts(Locale locale) {
    Locale chosen = "ko".equals(locale.getLanguage()) ? Locale.KOREAN : Locale.ENGLISH;
    this.language = chosen.getLanguage();
    this.bundle =
        ResourceBundle.getBundle(
            "dev.pagelab.grader.core.report.messages",
            chosen,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The text for a key. */
  public String get(String key) {
    return bundle.getString(key);
  }

  /** The language of the texts: {@code "ko"} or {@code "en"}. */
  public String language() {
    return language;
  }

  /** The text for a key with its {@code {0}}, {@code {1}} ... filled in ({@link MessageFormat}). */
  public String format(String key, Object... arguments) {
    MessageFormat format = new MessageFormat(get(key), Locale.ROOT);
    return format.format(arguments);
  }

  /** The short name of a status, e.g. "not started" / "시작 전". */
  public String status(TestStatus status) {
    return get("status." + status.name());
  }

  /** A sentence saying what a status means and what to do. */
  public String explain(TestStatus status) {
    return get("explain." + status.name());
  }

  /** What a static rule forbids. */
  public String rule(Rule rule) {
    return get("rule." + rule.name());
  }

  /** Every text, for a template. */
  Map<String, String> all() {
    Map<String, String> texts = new TreeMap<>();
    bundle.keySet().forEach(k -> texts.put(k, bundle.getString(k)));
    return texts;
  }
}
