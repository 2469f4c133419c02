package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.phys.Compaction;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.AnonLru;
import dev.pagelab.sim.vm.SwapDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel side of one compaction run's page migrations ({@code mm/migrate.c migrate_pages}):
 * moving a page to a new frame fixes every user of the old one.
 *
 * <ul>
 *   <li>the entries that map it: found in a reverse map built by walking every process's page
 *       tables once per run, on the first migration ({@code rmap_walk}, {@code
 *       remove_migration_ptes}); each keeps its flags and gets the new frame, and the TLB entry of
 *       that address is flushed;
 *   <li>the page cache ({@code folio_migrate_mapping}) and the swap cache;
 *   <li>the anonymous LRU list the page was on (file folios keep their place);
 *   <li>the map count and the contents ({@code folio_migrate_copy}).
 * </ul>
 */
final class PageMigration implements Compaction.Migrator {
  /** One entry that maps a frame. */
  private record Mapping(AddressSpace mm, long va) {}

  private final PhysicalMemory memory;
  private final PageCache cache;
  private final SwapDevice swap;
  private final AnonLru anonLru;
  private final List<AddressSpace> spaces;
  private final long zeroPfn;
  private final long taskSize;
  private Map<Long, List<Mapping>> rmap;
  private Map<Long, Folio> folios;

  PageMigration(
      PhysicalMemory memory,
      PageCache cache,
      SwapDevice swap,
      AnonLru anonLru,
      List<AddressSpace> spaces,
      long zeroPfn,
      long taskSize) {
    this.memory = memory;
    this.cache = cache;
    this.swap = swap;
    this.anonLru = anonLru;
    this.spaces = spaces;
    this.zeroPfn = zeroPfn;
    this.taskSize = taskSize;
  }

  @Override
  public boolean isolatable(long pfn) {
    return true;
  }

  @Override
  public void migrate(long src, long dst) {
    buildReverseMaps();
    FrameOwner owner = memory.owner(src);
    memory.moveFrameState(src, dst);
    List<Mapping> users = rmap.remove(src);
    if (users != null) {
      for (Mapping m : users) {
        long pte = m.mm().tables().readPte(m.va());
        if (Pte.pteToPfn(pte) != src) {
          throw new IllegalStateException(
              "PageMigration.migrate: entry at 0x" + Long.toHexString(m.va()) + " moved");
        }
        m.mm().tables().writePte(m.va(), (pte & ~Pte.PTE_ADDR_MASK) | Pte.physToPte(dst << 12));
        m.mm().tlb().flushPage(m.va());
      }
      rmap.put(dst, users);
    }
    if (owner == FrameOwner.ANON) {
      anonLru.replace(src, dst);
      long slot = swap == null ? -1 : swap.slotOf(src);
      if (slot >= 0) {
        swap.replaceCachedFrame(slot, dst);
      }
    } else {
      Folio f = folios.remove(src);
      if (f == null) {
        throw new IllegalStateException(
            "PageMigration.migrate: " + owner + " frame " + src + " is in no folio");
      }
      cache.replaceFrame(f, src, dst);
      folios.put(dst, f);
    }
  }

  /** Walks every page table and the page cache once, on the first migration of the run. */
  private void buildReverseMaps() {
    if (rmap != null) {
      return;
    }
    rmap = new HashMap<>();
    for (AddressSpace mm : spaces) {
      mm.tables()
          .forEachPte(
              0,
              taskSize,
              (va, pte) -> {
                long pfn = Pte.pteToPfn(pte);
                if (pfn != zeroPfn && !AddressSpace.isSwapEntry(pte)) {
                  rmap.computeIfAbsent(pfn, k -> new ArrayList<>(1)).add(new Mapping(mm, va));
                }
                return pte;
              });
    }
    folios = cache.foliosByFrame();
  }
}
