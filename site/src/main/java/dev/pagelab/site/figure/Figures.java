package dev.pagelab.site.figure;

import dev.pagelab.site.SiteException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of the site, by name. */
public final class Figures {
  private final Map<String, Figure> byName = new LinkedHashMap<>();

  /** The site's figures. */
  public Figures() {
    List<Figure> all =
        List.of(
            new WalkFigures.AddressSplit(
                "address-split", List.of("walk", "0x7ffff7800123", "--write")),
            new WalkFigures.WalkPath("walk-path", List.of("walk", "0x7ffff7800123", "--write")),
            new WalkFigures.WalkPath("walk-path-2mib", List.of("walk", "--hugetlb", "2MiB")),
            new TimelineFigures.DemandPaging(),
            new TimelineFigures.PageCache(),
            new BuddyinfoFigure(),
            new FaultCountFigure(),
            new OomScoreFigure());
    for (Figure f : all) {
      byName.put(f.name(), f);
    }
  }

  /**
   * The figure of a name.
   *
   * @param name the name written in the page
   * @return the figure
   * @throws SiteException naming the known figures when there is none of that name
   */
  public Figure get(String name) {
    Figure f = byName.get(name);
    if (f == null) {
      throw new SiteException(
          "unknown figure \"" + name + "\": expected one of " + String.join(", ", byName.keySet()));
    }
    return f;
  }

  /**
   * Every figure, in a fixed order.
   *
   * @return the figures
   */
  public List<Figure> all() {
    return List.copyOf(byName.values());
  }
}
