package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.svg.Svg;
import java.util.List;

/**
 * A figure of the site: drawn at build time from what one {@code pagelab} command prints, in each
 * language.
 */
public interface Figure {
  /**
   * The figure's name, used in {@code pagelab-figure NAME} and as its file name.
   *
   * @return e.g. {@code demand-paging}
   */
  String name();

  /**
   * The command whose output the figure draws, as a reader types it after {@code ./pagelab}.
   *
   * @return the arguments
   */
  List<String> command();

  /**
   * The figure's title.
   *
   * @param lang the language
   * @return the title, also the image's alternative text
   */
  String title(Lang lang);

  /**
   * Runs the command (or takes its remembered output) and draws the figure.
   *
   * @param lang the language of every label
   * @param pagelab the command runner
   * @return the drawing
   */
  Svg draw(Lang lang, Pagelab pagelab);

  /**
   * The command's output, which must have succeeded.
   *
   * @param pagelab the runner
   * @return the standard output
   */
  default String output(Pagelab pagelab) {
    return pagelab.stdout(command().toArray(String[]::new));
  }
}
