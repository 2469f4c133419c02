package dev.pagelab.site;

import java.util.Locale;

/** The two languages of the site; every page exists in both. */
public enum Lang {
  /** Korean, the course's first language. */
  KO("ko", "한국어"),
  /** English. */
  EN("en", "English");

  private final String code;
  private final String nativeName;

  Lang(String code, String nativeName) {
    this.code = code;
    this.nativeName = nativeName;
  }

  /**
   * The language's code, which is also its folder in the site.
   *
   * @return {@code ko} or {@code en}
   */
  public String code() {
    return code;
  }

  /**
   * The language's name in itself, for the language switch.
   *
   * @return {@code 한국어} or {@code English}
   */
  public String nativeName() {
    return nativeName;
  }

  /**
   * The other language.
   *
   * @return {@link #EN} for {@link #KO} and the reverse
   */
  public Lang other() {
    return this == KO ? EN : KO;
  }

  /**
   * Picks one of two texts.
   *
   * @param ko the Korean text
   * @param en the English text
   * @return the text in this language
   */
  public String pick(String ko, String en) {
    return this == KO ? ko : en;
  }

  /**
   * The language whose code this is.
   *
   * @param code {@code ko} or {@code en}
   * @return the language
   * @throws SiteException for another code
   */
  public static Lang of(String code) {
    for (Lang l : values()) {
      if (l.code.equals(code.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new SiteException("unknown language \"" + code + "\": expected ko or en");
  }
}
