package dev.pagelab.sim.khugepaged;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Builds the 512 PTEs of a test range run by run, in address order. */
final class Ranges {
  private final List<PteView> ptes = new ArrayList<>();

  static Ranges of() {
    return new Ranges();
  }

  /** Appends {@code n} PTEs made by {@code f} from their index in the range. */
  Ranges add(int n, IntFunction<PteView> f) {
    for (int i = 0; i < n; i++) {
      ptes.add(f.apply(ptes.size()));
    }
    return this;
  }

  Ranges touched(int n) {
    return add(n, i -> PteView.touched(1000 + i));
  }

  Ranges none(int n) {
    return add(n, i -> PteView.NONE);
  }

  Ranges zero(int n) {
    return add(n, i -> new PteView.ZeroPage());
  }

  Ranges swap(int n) {
    return add(n, i -> new PteView.Swap(i));
  }

  /** Present, writable, not young, page not referenced. */
  Ranges cold(int n) {
    return add(n, i -> new PteView.Mapped(true, false, false, PageInfo.anonExclusive(1000 + i)));
  }

  Ranges page(int n, PageInfo p) {
    return add(n, i -> new PteView.Mapped(true, true, true, p));
  }

  /** Pads with empty PTEs to 512 and returns the table. */
  PmdSnapshot.Table table() {
    none(KhugepagedSettings.HPAGE_PMD_NR - ptes.size());
    return new PmdSnapshot.Table(ptes);
  }

  /** A page with every field given (pfn 7). */
  static PageInfo page(
      int mapcount, int refcount, boolean anon, boolean lru, boolean locked, boolean swapCache) {
    return new PageInfo(
        7, 7, 1, mapcount, refcount, anon, lru, locked, swapCache, false, mapcount > 1);
  }
}
