package dev.pagelab.sim.vm;

import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_D;
import static dev.pagelab.sim.spi.Pte.PTE_NX;
import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_PS;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.spi.Pte.PTE_US;

import dev.pagelab.sim.paging.PageTables;
import dev.pagelab.sim.paging.Tlb;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;

/**
 * The hugetlb side of one address space ({@code mm/hugetlb.c}): faults that install a PMD (2 MiB)
 * or PUD (1 GiB) leaf with no PTE table under it ({@code hugetlb_no_page}, {@code hugetlb_wp}),
 * unmapping ({@code unmap_hugepage_range}), fork ({@code copy_hugetlb_page_range}), mprotect
 * ({@code hugetlb_change_protection}) and the {@code hugetlb_usage} counter behind HugetlbPages.
 * The head frame's map count counts the leaves that map the page.
 */
final class HugetlbMm {
  private final AddressSpace mm;
  private final PhysicalMemory memory;
  private final PageTables tables;
  private final Tlb tlb;
  private long usagePages;
  private final java.util.Set<HugetlbFile> resvUnmapped = new java.util.HashSet<>();

  HugetlbMm(AddressSpace mm, PhysicalMemory memory, PageTables tables, Tlb tlb) {
    this.mm = mm;
    this.memory = memory;
    this.tables = tables;
    this.tlb = tlb;
  }

  /** {@code mm->hugetlb_usage} in base pages. */
  long usagePages() {
    return usagePages;
  }

  /** {@code hugetlb_fault}: a fault at {@code va} in the hugetlb area {@code v} it may access. */
  HugetlbFault fault(Vma v, long va, boolean write) {
    Hstate h = v.hugetlb().hstate();
    long base = va & -h.pageSize();
    int level = h.leafLevel();
    if (tables.tableAt(base, level, true) == null) {
      return HugetlbFault.OOM;
    }
    long entry = tables.readEntry(base, level);
    if (entry != 0 && !X86Paging.isLarge(entry)) {
      throw new IllegalStateException(
          "HugetlbMm.fault: a lower table sits under the hugetlb area at 0x"
              + Long.toHexString(base));
    }
    HugetlbFault out = entry == 0 ? noPage(v, base, write) : wp(v, base, entry);
    tlb.flushRange(base, base + h.pageSize());
    return out;
  }

  /** {@code hugetlb_no_page}: the page from the file (shared) or a fresh one from the pool. */
  private HugetlbFault noPage(Vma v, long base, boolean write) {
    HugetlbFile f = v.hugetlb();
    if (resvUnmapped.contains(f)) {
      return HugetlbFault.SIGBUS_UNMAPPED;
    }
    long index = v.hugeIndex(base);
    long pfn = f.shared() ? f.page(index) : -1;
    if (pfn < 0) {
      boolean reserved = f.hasReservation(mm, index);
      pfn = f.hstate().allocFolio(reserved);
      if (pfn < 0) {
        return HugetlbFault.SIGBUS;
      }
      if (reserved) {
        f.consume(index);
      }
      if (f.shared()) {
        f.addPage(index, pfn);
      }
    }
    // make_huge_pte(vma, folio, VM_SHARED): a private page is mapped read-only, then hugetlb_wp
    // reuses it at once for a write (it is exclusive).
    boolean writable = v.prot().write() && (f.shared() || write);
    install(v, base, pfn, writable);
    return HugetlbFault.MINOR;
  }

  /** {@code hugetlb_wp}: a write to a read-only leaf of a writable area. */
  private HugetlbFault wp(Vma v, long base, long entry) {
    HugetlbFile f = v.hugetlb();
    int level = f.hstate().leafLevel();
    long pfn = X86Paging.pteToPfn(entry);
    if (f.shared() || memory.mapCount(pfn) == 1) {
      tables.writeEntry(base, level, entry | PTE_RW | PTE_D | PTE_A);
      return HugetlbFault.MINOR;
    }
    long copy = f.hstate().allocFolio(false);
    if (copy < 0) {
      return f.ownedBy(mm) ? HugetlbFault.COW_FROM_OWNER_SHORT : HugetlbFault.SIGBUS;
    }
    drop(f, pfn);
    tables.writeEntry(base, level, 0);
    install(v, base, copy, true);
    return HugetlbFault.MINOR;
  }

  private void install(Vma v, long base, long pfn, boolean writable) {
    long entry = (pfn << 12) | PTE_P | PTE_US | PTE_A | PTE_PS | (v.prot().exec() ? 0 : PTE_NX);
    entry |= writable ? PTE_RW | PTE_D : 0;
    tables.writeEntry(base, v.hugetlb().hstate().leafLevel(), entry);
    memory.addMapCount(pfn, 1);
    usagePages += v.hugetlb().hstate().pagesPerHugePage();
  }

  /** One mapping of a page fewer; a private page nobody maps goes back to the pool. */
  private void drop(HugetlbFile f, long pfn) {
    int left = memory.addMapCount(pfn, -1);
    usagePages -= f.hstate().pagesPerHugePage();
    if (left == 0 && !f.shared()) {
      f.hstate().freeHugeFolio(pfn);
    }
  }

  /**
   * {@code unmap_hugepage_range} over {@code [from, to)} of {@code v} (huge-page aligned), and with
   * {@code close} the {@code hugetlb_vm_op_close} that gives back the unused reservations.
   */
  void unmap(Vma v, long from, long to, boolean close) {
    HugetlbFile f = v.hugetlb();
    long size = f.hstate().pageSize();
    int level = f.hstate().leafLevel();
    for (long base = from; Long.compareUnsigned(base, to) < 0; base += size) {
      long entry = tables.readEntry(base, level);
      if (entry != 0) {
        tables.writeEntry(base, level, 0);
        drop(f, X86Paging.pteToPfn(entry));
      }
    }
    if (close) {
      f.closeRange(mm, v.hugeIndex(from), v.hugeIndex(to - 1) + 1);
    }
    tlb.flushRange(from, to);
  }

  /**
   * {@code unmap_ref_private} as seen by a process that is not the owner: its leaves of {@code f}
   * that map the page {@code pfn} are cleared and its area is marked {@code HPAGE_RESV_UNMAPPED},
   * so that a later fault there gets SIGBUS.
   *
   * @return true if a leaf was cleared
   */
  boolean unmapRef(HugetlbFile f, long pfn) {
    boolean any = false;
    for (Vma v : mm.vmas()) {
      if (v.hugetlb() != f) {
        continue;
      }
      int level = f.hstate().leafLevel();
      for (long base = v.start(); Long.compareUnsigned(base, v.end()) < 0; ) {
        long entry = tables.readEntry(base, level);
        if (entry != 0 && X86Paging.pteToPfn(entry) == pfn) {
          tables.writeEntry(base, level, 0);
          drop(f, pfn);
          tlb.flushRange(base, base + f.hstate().pageSize());
          resvUnmapped.add(f);
          any = true;
        }
        base += f.hstate().pageSize();
      }
    }
    return any;
  }

  /**
   * {@code copy_hugetlb_page_range} into a child: shared pages are shared, private ones become
   * copy-on-write in both.
   *
   * @param copied counts the leaves copied: [3] PUD leaves (1 GiB pages), [2] PMD leaves
   * @return false if the child ran out of frames for tables
   */
  boolean copyTo(HugetlbMm child, Vma v, long[] copied) {
    HugetlbFile f = v.hugetlb();
    long size = f.hstate().pageSize();
    int level = f.hstate().leafLevel();
    boolean cow = !v.shared() && v.prot().write();
    for (long base = v.start(); Long.compareUnsigned(base, v.end()) < 0; base += size) {
      long entry = tables.readEntry(base, level);
      if (entry == 0) {
        continue;
      }
      long shared = cow ? entry & ~PTE_RW : entry;
      if (!child.tables.writeEntry(base, level, shared & ~PTE_A)) {
        return false;
      }
      tables.writeEntry(base, level, shared);
      memory.addMapCount(X86Paging.pteToPfn(entry), 1);
      child.usagePages += f.hstate().pagesPerHugePage();
      copied[level]++;
    }
    return true;
  }

  /**
   * {@code hugetlb_change_protection}: a shared area's leaves are writable with write permission; a
   * private area's never are (a write then faults and reuses or copies the page).
   */
  void reprotect(Vma v) {
    HugetlbFile f = v.hugetlb();
    int level = f.hstate().leafLevel();
    for (long base = v.start(); Long.compareUnsigned(base, v.end()) < 0; ) {
      long entry = tables.readEntry(base, level);
      if (entry != 0) {
        tables.writeEntry(base, level, protect(v, entry));
      }
      base += f.hstate().pageSize();
    }
  }

  private static long protect(Vma v, long entry) {
    Prot p = v.prot();
    if (!p.read() && !p.write() && !p.exec()) {
      return (entry & ~PTE_P) | PageTables.PTE_PROTNONE;
    }
    long e = (entry | PTE_P) & ~PageTables.PTE_PROTNONE;
    e = p.exec() ? e & ~PTE_NX : e | PTE_NX;
    return p.write() && v.shared() ? e | PTE_RW : e & ~PTE_RW;
  }

  /**
   * Checks a huge leaf met by a range walk: inside a hugetlb area whose pages have that level,
   * aligned, and mapping the first frame of a hugetlb pool page.
   *
   * @return the base pages it maps
   */
  long checkLeaf(long va, int level, long entry) {
    Vma v = mm.vmaAt(va);
    String where = "AddressSpace.checkInvariants: huge leaf at 0x" + Long.toHexString(va);
    if (v == null || v.hugetlb() == null) {
      return -1; // not hugetlb: the caller decides (a THP leaf)
    }
    Hstate h = v.hugetlb().hstate();
    long pfn = X86Paging.pteToPfn(entry);
    if (h.leafLevel() != level || (va & (h.pageSize() - 1)) != 0) {
      throw new IllegalStateException(
          where + " has level " + level + " in a " + h.name() + " area");
    }
    if ((pfn & (h.pagesPerHugePage() - 1)) != 0
        || memory.owner(pfn) != FrameOwner.HUGETLB
        || memory.owner(pfn + h.pagesPerHugePage() - 1) != FrameOwner.HUGETLB) {
      throw new IllegalStateException(
          where + " maps frame " + pfn + " (" + memory.owner(pfn) + ")");
    }
    return h.pagesPerHugePage();
  }
}
