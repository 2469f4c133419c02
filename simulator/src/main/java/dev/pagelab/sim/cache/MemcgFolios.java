package dev.pagelab.sim.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page-cache side of memory cgroups: which folios each group is charged for ({@code
 * folio->memcg_data}), the group a new folio is charged to (the task adding it, {@code
 * mem_cgroup_charge} called from {@code filemap_add_folio} / {@code shmem_add_to_page_cache}), and
 * the charged page counts. Group 0 is the root cgroup, which is never tracked, so the global paths
 * pay one integer compare.
 */
final class MemcgFolios {
  /** One group's folios, oldest charge first, and its page counts. */
  static final class Group {
    final Set<Folio> folios = new LinkedHashSet<>();
    long pages;
    long shmem;
  }

  private final Map<Integer, Group> groups = new HashMap<>();
  private int current;

  /** The group new folios are charged to (0: the root). */
  int current() {
    return current;
  }

  /** Sets the group new folios are charged to; returns the previous one. */
  int setCurrent(int memcg) {
    if (memcg < 0) {
      throw new IllegalArgumentException("MemcgFolios.setCurrent: negative memcg id " + memcg);
    }
    int old = current;
    current = memcg;
    return old;
  }

  /** {@code mem_cgroup_charge}: the folio belongs to the current group. */
  void charge(Folio f, boolean shmem) {
    f.memcg = current;
    if (current != 0) {
      Group g = groups.computeIfAbsent(current, k -> new Group());
      g.folios.add(f);
      g.pages += f.pages();
      g.shmem += shmem ? f.pages() : 0;
    }
  }

  /** {@code mem_cgroup_uncharge} as the folio leaves the cache. */
  void uncharge(Folio f, boolean shmem) {
    if (f.memcg != 0) {
      Group g = groups.get(f.memcg);
      if (g == null || !g.folios.remove(f)) {
        throw new IllegalStateException(
            "MemcgFolios.uncharge: folio at " + f.index() + " is not charged to " + f.memcg);
      }
      g.pages -= f.pages();
      g.shmem -= shmem ? f.pages() : 0;
    }
  }

  /** The group's record, or null if it was never charged. */
  Group group(int memcg) {
    return groups.get(memcg);
  }

  /** The group's folios, oldest charge first (a copy). */
  List<Folio> folios(int memcg) {
    Group g = groups.get(memcg);
    return g == null ? List.of() : new ArrayList<>(g.folios);
  }

  /** All tracked group ids. */
  Set<Integer> ids() {
    return groups.keySet();
  }
}
