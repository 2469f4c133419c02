package dev.pagelab.sim.vm;

import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_D;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.FolioRmap;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.paging.X86Paging;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse map of the one node ({@code mm/rmap.c}): from a page-cache folio or an anonymous
 * frame to the (address space, virtual address) pairs whose entries map it, without a per-entry
 * index, so that a fault costs nothing more.
 *
 * <p>File pages: each file has its {@code i_mmap}, the areas that map it (the kernel's interval
 * tree, here a set per file kept up to date as areas are made, split, merged and dropped); the
 * address of page {@code index} in an area is {@code vma_address}: {@code start + (index - pgoff) *
 * 4 KiB}. Anonymous pages: the {@link AnonVma} of the address space that found the page (its fork
 * tree), at the same address. A walk ({@code rmap_walk_file}, {@code rmap_walk_anon}) checks each
 * candidate's entry, as {@code page_vma_mapped_walk} does.
 */
public final class Rmap implements FolioRmap {
  /**
   * One place a frame is mapped.
   *
   * @param mm the address space
   * @param va the virtual address of the page
   */
  public record Mapper(AddressSpace mm, long va) {}

  /** A file's identity, as the page cache keys it: device and inode. */
  private record FileId(int devMajor, int devMinor, long inode) {
    static FileId of(MappedFile f) {
      return new FileId(f.devMajor(), f.devMinor(), f.inode());
    }
  }

  /** One area of one address space in a file's {@code i_mmap}. */
  private record FileArea(AddressSpace mm, Vma vma) {}

  private final Map<FileId, Set<FileArea>> iMmap = new HashMap<>();

  /** {@code vma_interval_tree_insert}: an area of {@code mm} now maps its file. */
  void linkFile(AddressSpace mm, Vma v) {
    if (!iMmap
        .computeIfAbsent(FileId.of(v.file()), k -> new LinkedHashSet<>())
        .add(new FileArea(mm, v))) {
      throw new IllegalStateException("Rmap.linkFile: " + v + " is already linked");
    }
  }

  /** {@code vma_interval_tree_remove}: an area of {@code mm} no longer maps its file. */
  void unlinkFile(AddressSpace mm, Vma v) {
    FileId id = FileId.of(v.file());
    Set<FileArea> areas = iMmap.get(id);
    if (areas == null || !areas.remove(new FileArea(mm, v))) {
      throw new IllegalStateException("Rmap.unlinkFile: " + v + " is not linked");
    }
    if (areas.isEmpty()) {
      iMmap.remove(id);
    }
  }

  /**
   * {@code rmap_walk_file}: where page {@code index} of {@code file}, held in frame {@code pfn}, is
   * mapped.
   *
   * @param file the file
   * @param index the page index in the file
   * @param pfn the frame that caches the page
   * @return every (address space, address) whose entry maps {@code pfn}
   */
  public List<Mapper> fileMappers(MappedFile file, long index, long pfn) {
    List<Mapper> found = new ArrayList<>();
    for (FileArea a : iMmap.getOrDefault(FileId.of(file), Set.of())) {
      Vma v = a.vma();
      if (index >= v.pgoff() && index < v.pgoff() + v.pages()) {
        long va = v.start() + ((index - v.pgoff()) << 12);
        if (maps(a.mm().readPte(va), pfn)) {
          found.add(new Mapper(a.mm(), va));
        }
      }
    }
    return found;
  }

  /**
   * {@code rmap_walk_anon}: where the anonymous frame {@code pfn}, found at {@code va} in {@code
   * mm}, is mapped: the address spaces of {@code mm}'s fork tree whose entry at {@code va} maps it.
   *
   * @param mm an address space that maps the frame
   * @param va the address it maps it at
   * @param pfn the frame
   * @return every (address space, address) whose entry maps {@code pfn}, {@code mm} included
   */
  public List<Mapper> anonMappers(AddressSpace mm, long va, long pfn) {
    List<Mapper> found = new ArrayList<>();
    for (AddressSpace other : mm.anonVma().members()) {
      if (maps(other.readPte(va), pfn)) {
        found.add(new Mapper(other, va));
      }
    }
    return found;
  }

  /** True if {@code pte} maps {@code pfn} (present, or made inaccessible by PROT_NONE). */
  static boolean maps(long pte, long pfn) {
    return pte != 0 && !AddressSpace.isSwapEntry(pte) && X86Paging.pteToPfn(pte) == pfn;
  }

  /** The entries that map each page of {@code folio}, page by page. */
  private List<Mapper> folioMappers(MappedFile file, Folio folio) {
    List<Mapper> all = new ArrayList<>();
    for (long index = folio.index(); index < folio.end(); index++) {
      all.addAll(fileMappers(file, index, folio.pfn(index)));
    }
    return all;
  }

  @Override
  public References referenced(MappedFile file, Folio folio) {
    int young = 0;
    boolean exec = false;
    for (Mapper m : folioMappers(file, folio)) {
      // A PMD-mapped folio's leaf is young once: clearing it serves all 512 of its pages.
      if ((m.mm().clearYoung(m.va()) & PTE_A) != 0) {
        exec |= m.mm().vmaAt(m.va()).prot().exec();
        young++;
      }
    }
    return new References(young, exec);
  }

  @Override
  public boolean tryToUnmap(MappedFile file, Folio folio) {
    boolean dirty = false;
    for (Mapper m : folioMappers(file, folio)) {
      if (m.mm().readPte(m.va()) != 0) { // not already gone with its folio's PMD leaf
        dirty |= (m.mm().unmapFilePage(m.va()) & PTE_D) != 0;
      }
    }
    return dirty;
  }

  /**
   * Checks that each file's {@code i_mmap} holds exactly the file areas of the given address
   * spaces.
   *
   * @param mms every running address space
   */
  public void checkInvariants(Collection<AddressSpace> mms) {
    long areas = 0;
    for (AddressSpace mm : mms) {
      for (Vma v : mm.vmas()) {
        if (v.file() == null) {
          continue;
        }
        areas++;
        if (!iMmap.getOrDefault(FileId.of(v.file()), Set.of()).contains(new FileArea(mm, v))) {
          throw new IllegalStateException("Rmap.checkInvariants: " + v + " is not in i_mmap");
        }
      }
    }
    long linked = iMmap.values().stream().mapToLong(Set::size).sum();
    if (linked != areas) {
      throw new IllegalStateException(
          "Rmap.checkInvariants: i_mmap holds " + linked + " areas but a recount finds " + areas);
    }
  }
}
