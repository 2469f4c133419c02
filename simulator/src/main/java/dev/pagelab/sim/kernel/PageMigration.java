package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.paging.PageTables;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.Compaction;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.AnonLru;
import dev.pagelab.sim.vm.SwapDevice;
import java.util.Arrays;
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
  /**
   * The reverse map of one run: for each mapped frame, the (address space, address) pairs of the
   * entries that map it. Primitive arrays (an open-addressing table from frame to the first of a
   * chain of entries), so a machine with millions of mapped pages needs tens of bytes per page.
   */
  private static final class ReverseMap {
    private long[] keys = new long[1024];
    private int[] heads = new int[1024];
    private int used;
    private int[] entryMm = new int[1024];
    private long[] entryVa = new long[1024];
    private int[] entryNext = new int[1024];
    private int entries;

    ReverseMap() {
      Arrays.fill(keys, -1);
    }

    void add(long pfn, int mm, long va) {
      if (entries == entryMm.length) {
        entryMm = Arrays.copyOf(entryMm, entries * 2);
        entryVa = Arrays.copyOf(entryVa, entries * 2);
        entryNext = Arrays.copyOf(entryNext, entries * 2);
      }
      if ((used + 1) * 2 > keys.length) {
        rehash();
      }
      int slot = slot(pfn);
      if (keys[slot] != pfn) {
        keys[slot] = pfn;
        heads[slot] = -1;
        used++;
      }
      entryMm[entries] = mm;
      entryVa[entries] = va;
      entryNext[entries] = heads[slot];
      heads[slot] = entries++;
    }

    /** The first entry mapping {@code pfn}, or -1; {@link #next} walks the chain. */
    int first(long pfn) {
      int slot = slot(pfn);
      return keys[slot] == pfn ? heads[slot] : -1;
    }

    int next(int entry) {
      return entryNext[entry];
    }

    private int slot(long pfn) {
      int mask = keys.length - 1;
      int i = (int) (pfn * 0x9E3779B97F4A7C15L >>> 40) & mask;
      while (keys[i] != -1 && keys[i] != pfn) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private void rehash() {
      long[] oldKeys = keys;
      int[] oldHeads = heads;
      keys = new long[oldKeys.length * 2];
      heads = new int[oldKeys.length * 2];
      Arrays.fill(keys, -1);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != -1) {
          int slot = slot(oldKeys[i]);
          keys[slot] = oldKeys[i];
          heads[slot] = oldHeads[i];
        }
      }
    }
  }

  private final PhysicalMemory memory;
  private final PageCache cache;
  private final SwapDevice swap;
  private final AnonLru anonLru;
  private final List<AddressSpace> spaces;
  private final long zeroPfn;
  private final long taskSize;
  private final java.util.function.LongPredicate inCompound;
  private ReverseMap rmap;
  private Map<Long, Folio> folios;

  PageMigration(
      PhysicalMemory memory,
      PageCache cache,
      SwapDevice swap,
      AnonLru anonLru,
      List<AddressSpace> spaces,
      long zeroPfn,
      long taskSize,
      java.util.function.LongPredicate inCompound) {
    this.memory = memory;
    this.cache = cache;
    this.swap = swap;
    this.anonLru = anonLru;
    this.spaces = spaces;
    this.zeroPfn = zeroPfn;
    this.taskSize = taskSize;
    this.inCompound = inCompound;
  }

  /**
   * Compaction skips hugetlb pages and the pages of a transparent huge page or of a 2 MiB file
   * folio here ({@code isolate_migratepages_block} skips {@code PageHuge} and compound pages it
   * cannot isolate whole; the simulator migrates 4 KiB frames only).
   */
  @Override
  public boolean isolatable(long pfn) {
    return memory.owner(pfn) != FrameOwner.HUGETLB && !inCompound.test(pfn);
  }

  @Override
  public void migrate(long src, long dst) {
    buildReverseMaps();
    FrameOwner owner = memory.owner(src);
    memory.moveFrameState(src, dst);
    // Each frame moves at most once per run and its target is never a source: no re-keying.
    for (int e = rmap.first(src); e >= 0; e = rmap.next(e)) {
      AddressSpace mm = spaces.get(rmap.entryMm[e]);
      long va = rmap.entryVa[e];
      long pte = mm.tables().readPte(va);
      if (X86Paging.pteToPfn(pte) != src) {
        throw new IllegalStateException(
            "PageMigration.migrate: entry at 0x" + Long.toHexString(va) + " moved");
      }
      mm.tables().writePte(va, (pte & ~Pte.PTE_ADDR_MASK) | X86Paging.physToPte(dst << 12));
      mm.tlb().flushPage(va);
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
    rmap = new ReverseMap();
    for (int i = 0; i < spaces.size(); i++) {
      int mmIndex = i;
      spaces
          .get(i)
          .tables()
          .forEachPte(
              0,
              taskSize,
              PageTables.LeafVisitor.of(
                  (va, pte) -> {
                    long pfn = X86Paging.pteToPfn(pte);
                    if (pfn != zeroPfn && !AddressSpace.isSwapEntry(pte)) {
                      rmap.add(pfn, mmIndex, va);
                    }
                    return pte;
                  },
                  (va, level, entry) -> entry)); // huge leaves map frames never isolated
    }
    folios = cache.foliosByFrame();
  }
}
