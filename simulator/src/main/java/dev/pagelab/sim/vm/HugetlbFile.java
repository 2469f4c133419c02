package dev.pagelab.sim.vm;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The unlinked hugetlbfs file that {@code MAP_HUGETLB} creates for one {@code mmap} ({@code
 * hugetlb_file_setup}; maps shows it as {@code /anon_hugepage (deleted)}). It holds the
 * reservations of the mapping ({@code resv_map}: on the inode for a shared mapping, owned by the
 * mapping process for a private one) and, for a shared mapping, its pages (the file's page cache).
 * Indexes count huge pages from the start of the file.
 */
public final class HugetlbFile {
  private final Hstate hstate;
  private final boolean shared;
  private final AddressSpace owner;
  private final Map<Long, Long> pages = new HashMap<>();
  private final TreeSet<Long> reserved = new TreeSet<>();
  private int users;

  HugetlbFile(Hstate hstate, boolean shared, AddressSpace owner) {
    this.hstate = hstate;
    this.shared = shared;
    this.owner = owner;
  }

  /** The pool its pages come from. */
  public Hstate hstate() {
    return hstate;
  }

  /** {@code MAP_SHARED}: the pages belong to the file and every mapper sees them. */
  public boolean shared() {
    return shared;
  }

  /** Pages the file holds (shared mappings only). */
  public int cachedPages() {
    return pages.size();
  }

  /** Reservations not yet consumed by a fault. */
  public int reservedPages() {
    return reserved.size();
  }

  /** The first frames of the pages the file holds (shared mappings only). */
  public java.util.Collection<Long> pagePfns() {
    return java.util.Collections.unmodifiableCollection(pages.values());
  }

  /** The page cached at {@code index}, or -1. */
  long page(long index) {
    Long pfn = pages.get(index);
    return pfn == null ? -1 : pfn;
  }

  void addPage(long index, long pfn) {
    pages.put(index, pfn);
  }

  /** True if {@code mm} created this private mapping ({@code HPAGE_RESV_OWNER}). */
  boolean ownedBy(AddressSpace mm) {
    return !shared && mm == owner;
  }

  /** {@code vma_has_reserves}: a reservation for {@code index} that {@code mm} may use. */
  boolean hasReservation(AddressSpace mm, long index) {
    return (shared || mm == owner) && reserved.contains(index);
  }

  void reserve(long fromIndex, long toIndex) {
    for (long i = fromIndex; i < toIndex; i++) {
      reserved.add(i);
    }
  }

  void consume(long index) {
    reserved.remove(index);
  }

  /**
   * {@code hugetlb_vm_op_close} of a private mapping's owner: the unused reservations of {@code
   * [fromIndex, toIndex)} go back to the pool.
   */
  void closeRange(AddressSpace mm, long fromIndex, long toIndex) {
    if (shared || mm != owner) {
      return;
    }
    int before = reserved.size();
    reserved.subSet(fromIndex, toIndex).clear();
    hstate.acctMemory(-(before - reserved.size()));
  }

  void attach() {
    users++;
  }

  /**
   * One mapping fewer; the last one evicts the inode ({@code hugetlbfs_evict_inode}): the file's
   * pages go back to the pool and its unused reservations are released.
   */
  void detach(dev.pagelab.sim.phys.PhysicalMemory memory) {
    if (--users > 0) {
      return;
    }
    if (users < 0) {
      throw new IllegalStateException("HugetlbFile.detach: more detaches than attaches");
    }
    for (long pfn : pages.values()) {
      if (memory.mapCount(pfn) != 0) {
        throw new IllegalStateException("HugetlbFile.detach: page " + pfn + " is still mapped");
      }
      hstate.freeHugeFolio(pfn);
    }
    pages.clear();
    int left = reserved.size();
    reserved.clear();
    hstate.acctMemory(-left);
  }
}
