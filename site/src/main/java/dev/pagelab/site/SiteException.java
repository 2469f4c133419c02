package dev.pagelab.site;

/**
 * Broken site sources: a page in one language only, a broken link, a directive that cannot run. The
 * message names the file and says what was expected; the generator prints it and the build fails.
 */
public final class SiteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A problem with the site's sources.
   *
   * @param message what is wrong, where, and how to fix it
   */
  public SiteException(String message) {
    super(message);
  }

  /**
   * A problem with the site's sources caused by another exception.
   *
   * @param message what is wrong, where, and how to fix it
   * @param cause the underlying exception
   */
  public SiteException(String message, Throwable cause) {
    super(message, cause);
  }
}
