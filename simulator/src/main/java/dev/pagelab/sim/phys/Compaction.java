package dev.pagelab.sim.phys;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Memory compaction of one zone ({@code mm/compaction.c compact_zone}): a migrate scanner walks the
 * zone's pageblocks from the start and isolates movable pages, a free scanner walks them from the
 * end and isolates free pages, and each isolated page is migrated into a free one, until the
 * requested order is free ({@code compact_finished}) or the scanners meet.
 *
 * <p>What a migration must fix besides the frame itself (page tables, page cache, swap cache, LRU
 * lists, TLBs) is the kernel's business: it is handed to a {@link Migrator}. The counters are those
 * of {@code /proc/vmstat} ({@code mm/vmstat.c}: {@code compact_migrate_scanned}, {@code
 * compact_free_scanned}, {@code compact_isolated}, {@code compact_stall}, {@code compact_fail},
 * {@code compact_success}).
 *
 * <p>Departures: no per-pageblock skip bits or cached scanner positions between runs (every run
 * starts at the zone's ends, as after {@code __reset_isolation_suitable}); in their place, an
 * asynchronous (direct) compaction that scanned the whole zone in vain is not repeated for the same
 * or a higher order until a frame is freed into the zone or a page unpinned ({@link
 * Result#DEFERRED}), so a THP fault storm on fragmented memory does not rescan the zone on every
 * fault; the {@code compact_finished} test looks for any free block of the order, not one of the
 * right migrate type; {@code __compaction_suitable} checks the zone's min watermark (the kernel
 * uses the low one for orders above {@code PAGE_ALLOC_COSTLY_ORDER}).
 */
public final class Compaction {
  /** {@code COMPACT_CLUSTER_MAX} ({@code SWAP_CLUSTER_MAX}): pages isolated per batch. */
  public static final int COMPACT_CLUSTER_MAX = 32;

  /** The order that means "the whole zone" ({@code cc->order == -1}, {@code compact_memory}). */
  public static final int WHOLE_ZONE = -1;

  /** The kernel side of a migration ({@code migrate_pages}). */
  public interface Migrator {
    /**
     * True if the movable, unpinned frame may be isolated now (the kernel's other reasons to skip a
     * page, such as a compound page).
     */
    boolean isolatable(long pfn);

    /**
     * Moves every user of {@code src} to {@code dst}, which already has {@code src}'s owner: the
     * entries that map it, the page cache, the swap cache, the LRU lists, the map count and the
     * contents; flushes the TLBs. Afterwards nothing refers to {@code src}, which is then freed.
     */
    void migrate(long src, long dst);
  }

  /** How a zone's compaction ended ({@code enum compact_result}). */
  public enum Result {
    /** {@code COMPACT_SKIPPED}: too little free memory to compact. */
    SKIPPED,
    /**
     * {@code COMPACT_DEFERRED}: an asynchronous compaction of this zone for this order or a lower
     * one found nothing, and no frame was freed into the zone since.
     */
    DEFERRED,
    /** {@code COMPACT_SUCCESS}: a free block of the order exists. */
    SUCCESS,
    /** {@code COMPACT_COMPLETE}: the scanners met. */
    COMPLETE
  }

  private final PhysicalMemory memory;
  private final long[] failedStamp;
  private final int[] failedOrder;
  private long migrateScanned;
  private long freeScanned;
  private long isolated;
  private long migrated;
  private long stall;
  private long fail;
  private long success;

  /** Compaction over the zones of {@code memory}. */
  public Compaction(PhysicalMemory memory) {
    this.memory = memory;
    this.failedStamp = new long[memory.zoneRanges().size()];
    this.failedOrder = new int[memory.zoneRanges().size()];
    Arrays.fill(failedStamp, -1);
  }

  /** {@code compact_migrate_scanned}. */
  public long migrateScanned() {
    return migrateScanned;
  }

  /** {@code compact_free_scanned}. */
  public long freeScanned() {
    return freeScanned;
  }

  /** {@code compact_isolated}: pages isolated by both scanners. */
  public long isolated() {
    return isolated;
  }

  /** Pages migrated ({@code pgmigrate_success}). */
  public long migrated() {
    return migrated;
  }

  /** {@code compact_stall}. */
  public long stall() {
    return stall;
  }

  /** {@code compact_fail}. */
  public long fail() {
    return fail;
  }

  /** {@code compact_success}. */
  public long success() {
    return success;
  }

  /**
   * Counts one direct compaction ({@code __alloc_pages_direct_compact}): a stall, then a success if
   * the allocation it was for can now be served, else a failure.
   */
  public void countDirect(boolean succeeded) {
    stall++;
    if (succeeded) {
      success++;
    } else {
      fail++;
    }
  }

  /**
   * Compacts zone {@code zone} ({@code compact_zone}).
   *
   * @param order the order wanted, or {@link #WHOLE_ZONE} to run until the scanners meet
   * @param async {@code MIGRATE_ASYNC} (direct compaction: only movable pageblocks are scanned for
   *     pages to move) rather than {@code MIGRATE_SYNC} ({@code compact_memory}: every pageblock)
   * @param migrator the kernel side of each migration
   * @return how it ended
   */
  public Result compactZone(int zone, int order, boolean async, Migrator migrator) {
    BuddyAllocator z = memory.zone(zone);
    if (order != WHOLE_ZONE && z.hasFreeBlock(order)) {
      return Result.SUCCESS;
    }
    // __compaction_suitable: the zone must keep its watermark plus compact_gap (2 << order) free.
    if (order != WHOLE_ZONE && z.freePages() < memory.zoneMinFree(zone) + (2L << order)) {
      return Result.SKIPPED;
    }
    long stamp = z.freeEvents() + memory.unpins();
    if (async && failedStamp[zone] == stamp && order >= failedOrder[zone]) {
      return Result.DEFERRED;
    }
    Run run = new Run(z, order, async, migrator);
    Result result;
    try {
      result = run.loop();
    } finally {
      run.releaseFreePages();
    }
    if (async && order != WHOLE_ZONE && result == Result.COMPLETE && !z.hasFreeBlock(order)) {
      failedStamp[zone] = z.freeEvents() + memory.unpins();
      failedOrder[zone] = order;
    } else {
      failedStamp[zone] = -1;
    }
    return result;
  }

  /** One {@code struct compact_control}: the scanners' positions and the isolated pages. */
  private final class Run {
    final BuddyAllocator zone;
    final int order;
    final boolean async;
    final Migrator migrator;
    long migratePfn;
    long freePfn;
    final List<Long> migratePages = new ArrayList<>();
    final ArrayDeque<Long> freePages = new ArrayDeque<>();

    Run(BuddyAllocator zone, int order, boolean async, Migrator migrator) {
      this.zone = zone;
      this.order = order;
      this.async = async;
      this.migrator = migrator;
      this.migratePfn = zone.startPfn();
      this.freePfn = Pageblocks.start(zone.endPfn() - 1);
    }

    Result loop() {
      while (true) {
        if (scannersMet()) {
          return Result.COMPLETE;
        }
        if (order != WHOLE_ZONE && zone.hasFreeBlock(order)) {
          return Result.SUCCESS;
        }
        isolateMigratePages();
        for (long src : migratePages) {
          if (freePages.isEmpty()) {
            isolateFreePages();
          }
          if (freePages.isEmpty()) {
            migratePages.clear();
            return Result.COMPLETE;
          }
          long dst = freePages.poll();
          memory.claimIsolated(dst, memory.owner(src));
          migrator.migrate(src, dst);
          memory.free(src);
          migrated++;
        }
        migratePages.clear();
      }
    }

    /** {@code compact_scanners_met}: the free scanner reached the migrate scanner's pageblock. */
    boolean scannersMet() {
      return (freePfn >> Pageblocks.PAGEBLOCK_ORDER) <= (migratePfn >> Pageblocks.PAGEBLOCK_ORDER);
    }

    /**
     * {@code isolate_migratepages}: from the migrate scanner's position, the next suitable
     * pageblock's movable pages, at most {@value #COMPACT_CLUSTER_MAX} at a time.
     */
    void isolateMigratePages() {
      while (migratePages.isEmpty() && !scannersMet()) {
        long blockEnd = Math.min(Pageblocks.end(migratePfn), zone.endPfn());
        if (async && Pageblocks.migrateType(memory, migratePfn) != MigrateType.MOVABLE) {
          migratePfn = blockEnd;
          continue;
        }
        long pfn = migratePfn;
        long scanned = 0;
        for (; pfn < blockEnd; pfn++) {
          scanned++;
          // An allocated frame is never a free block: skip the buddy-list look-ups for it.
          int free = memory.owner(pfn) == FrameOwner.FREE ? zone.freeOrderAt(pfn) : -1;
          if (free > 0) {
            pfn += (1L << free) - 1;
            scanned += (1L << free) - 1;
            continue;
          }
          if (free < 0 && memory.isMovable(pfn) && migrator.isolatable(pfn)) {
            migratePages.add(pfn);
            if (migratePages.size() >= COMPACT_CLUSTER_MAX) {
              pfn++;
              break;
            }
          }
        }
        migratePfn = Math.min(pfn, blockEnd);
        migrateScanned += scanned;
        isolated += migratePages.size();
      }
    }

    /**
     * {@code isolate_freepages}: from the free scanner's position down to the migrate scanner's
     * pageblock, the free pages of suitable pageblocks until there are as many as pages to move.
     * The scanner resumes inside a pageblock it left early.
     */
    void isolateFreePages() {
      long lowPfn = Pageblocks.end(migratePfn);
      long from = freePfn;
      for (long block = Pageblocks.start(freePfn);
          block >= lowPfn;
          block -= Pageblocks.PAGEBLOCK_PAGES) {
        long blockEnd = Math.min(block + Pageblocks.PAGEBLOCK_PAGES, zone.endPfn());
        long reached = suitableTarget(block) ? isolateFreePagesBlock(from, blockEnd) : blockEnd;
        from = block - Pageblocks.PAGEBLOCK_PAGES;
        if (freePages.size() >= migratePages.size()) {
          freePfn = reached >= blockEnd ? from : reached;
          return;
        }
      }
      freePfn = Math.min(from, Pageblocks.start(migratePfn));
    }

    /**
     * {@code suitable_migration_target}: not a pageblock that is one free block already (breaking
     * it up would defeat the purpose), and a movable one.
     */
    boolean suitableTarget(long blockStart) {
      int free = zone.freeOrderAt(blockStart);
      if (free >= Pageblocks.PAGEBLOCK_ORDER) {
        return false;
      }
      return Pageblocks.migrateType(memory, blockStart) == MigrateType.MOVABLE;
    }

    /**
     * {@code isolate_freepages_block}: takes the whole free blocks of one pageblock from {@code
     * from} on, stopping once there are enough.
     *
     * @return the frame the scan reached
     */
    long isolateFreePagesBlock(long from, long blockEnd) {
      long scanned = 0;
      long pfn = Math.max(from, zone.startPfn());
      while (pfn < blockEnd) {
        scanned++;
        if (memory.owner(pfn) != FrameOwner.FREE || zone.freeOrderAt(pfn) < 0) {
          pfn++;
          continue;
        }
        long n = memory.isolateFreeBlock(pfn);
        for (long f = pfn; f < pfn + n; f++) {
          freePages.add(f);
        }
        isolated += n;
        scanned += n - 1;
        pfn += n;
        if (freePages.size() >= migratePages.size()) {
          break;
        }
      }
      freeScanned += scanned;
      return pfn;
    }

    /** {@code release_free_list}: unused free pages go back to the buddy lists. */
    void releaseFreePages() {
      while (!freePages.isEmpty()) {
        memory.releaseIsolated(freePages.poll());
      }
    }
  }
}
