package dev.pagelab.site;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Puts rendered content into the site's FreeMarker layouts ({@code .ftlh}, auto-escaped). */
public final class Layout {
  /**
   * A link of the navigation.
   *
   * @param title its text
   * @param href its address relative to the page
   * @param current whether it is the page itself
   */
  public record NavItem(String title, String href, boolean current) {}

  /**
   * A group of navigation links.
   *
   * @param title the group's heading
   * @param items its links
   */
  public record NavSection(String title, List<NavItem> items) {}

  private final Configuration config = new Configuration(Configuration.VERSION_2_3_34);

  /** The layouts from {@code dev/pagelab/site/templates} on the class path. */
  public Layout() {
    config.setClassForTemplateLoading(Layout.class, "/dev/pagelab/site/templates");
    config.setDefaultEncoding("UTF-8");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setNumberFormat("computer");
  }

  /**
   * Renders a layout.
   *
   * @param template the template's file name, e.g. {@code page.ftlh}
   * @param model the values it uses
   * @return the HTML
   */
  public String render(String template, Map<String, Object> model) {
    try {
      Template t = config.getTemplate(template);
      StringWriter w = new StringWriter();
      t.process(model, w);
      return w.toString();
    } catch (IOException | TemplateException e) {
      throw new SiteException("layout " + template + ": " + e.getMessage(), e);
    }
  }
}
