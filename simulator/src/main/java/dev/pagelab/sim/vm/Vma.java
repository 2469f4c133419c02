package dev.pagelab.sim.vm;

import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.VmaInfo;
import java.util.Objects;

/**
 * A virtual memory area ({@code struct vm_area_struct}): a page-aligned range with one protection
 * and one backing. Immutable: splitting or changing an area makes new ones.
 *
 * @param start the first address
 * @param end the address after the last byte
 * @param prot the protection
 * @param shared {@code MAP_SHARED}
 * @param file the file behind it, or null for anonymous memory
 * @param pgoff the file offset of {@code start}, in pages
 * @param name the name maps prints for an anonymous area: {@code [heap]}, {@code [stack]}, or empty
 * @param growsDown {@code VM_GROWSDOWN}: a stack that grows on a fault just below it
 * @param anonVma {@code vma->anon_vma} is set: the area holds (or held) private anonymous pages
 * @param readAdvice the readahead advice of a file area: {@code VM_RAND_READ} ({@link
 *     Madvice#RANDOM}), {@code VM_SEQ_READ} ({@link Madvice#SEQUENTIAL}) or {@link Madvice#NORMAL}
 * @param thpAdvice {@code VM_HUGEPAGE} / {@code VM_NOHUGEPAGE} set by {@code madvise}
 * @param hugetlb {@code VM_HUGETLB}: the hugetlbfs file of a {@code MAP_HUGETLB} mapping, or null
 */
public record Vma(
    long start,
    long end,
    Prot prot,
    boolean shared,
    MappedFile file,
    long pgoff,
    String name,
    boolean growsDown,
    boolean anonVma,
    Madvice readAdvice,
    ThpAdvice thpAdvice,
    HugetlbFile hugetlb) {

  /** An area with no readahead advice. */
  public Vma(
      long start,
      long end,
      Prot prot,
      boolean shared,
      MappedFile file,
      long pgoff,
      String name,
      boolean growsDown,
      boolean anonVma) {
    this(
        start,
        end,
        prot,
        shared,
        file,
        pgoff,
        name,
        growsDown,
        anonVma,
        Madvice.NORMAL,
        ThpAdvice.NONE,
        null);
  }

  /** Checks the range. */
  public Vma {
    Objects.requireNonNull(prot, "prot");
    Objects.requireNonNull(readAdvice, "readAdvice");
    Objects.requireNonNull(thpAdvice, "thpAdvice");
    Objects.requireNonNull(name, "name");
    if ((start & 0xFFF) != 0 || (end & 0xFFF) != 0 || Long.compareUnsigned(start, end) >= 0) {
      throw new IllegalArgumentException(
          "Vma: bad range " + Long.toHexString(start) + "-" + Long.toHexString(end));
    }
  }

  /** True if no file is behind the area. */
  public boolean anonymous() {
    return file == null;
  }

  /** The huge page size of a hugetlb mapping, 0 for any other area. */
  public long hugePageSize() {
    return hugetlb == null ? 0 : hugetlb.hstate().pageSize();
  }

  /** The index in its hugetlbfs file of the huge page that maps {@code va} (hugetlb areas only). */
  public long hugeIndex(long va) {
    return ((pgoff << 12) + (va - start)) / hugePageSize();
  }

  /** The length in bytes. */
  public long length() {
    return end - start;
  }

  /** The length in pages. */
  public long pages() {
    return (end - start) >>> 12;
  }

  /** True if the address lies inside. */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
  }

  /**
   * True if the area allows the access ({@code access_error} of {@code arch/x86/mm/fault.c},
   * negated): Linux lets a writable or executable area be read too.
   */
  public boolean permits(AccessType type) {
    return switch (type) {
      case READ -> prot.read() || prot.write() || prot.exec();
      case WRITE -> prot.write();
      case EXECUTE -> prot.exec();
    };
  }

  /** {@code VM_ACCOUNT}: private writable or shared anonymous memory counts in Committed_AS. */
  public boolean accountable() {
    return hugetlb == null && ((!shared && prot.write()) || (shared && anonymous()));
  }

  /** The part {@code [from, to)} of this area, with the file offset moved along. */
  public Vma slice(long from, long to) {
    return new Vma(
        from,
        to,
        prot,
        shared,
        file,
        pgoff + ((from - start) >>> 12),
        name,
        growsDown,
        anonVma,
        readAdvice,
        thpAdvice,
        hugetlb);
  }

  /** This area with another protection. */
  public Vma withProt(Prot newProt) {
    return new Vma(
        start,
        end,
        newProt,
        shared,
        file,
        pgoff,
        name,
        growsDown,
        anonVma,
        readAdvice,
        thpAdvice,
        hugetlb);
  }

  /** This area with another range (the file offset follows the start). */
  public Vma withRange(long newStart, long newEnd) {
    long newPgoff = pgoff + ((newStart - start) >> 12);
    return new Vma(
        newStart,
        newEnd,
        prot,
        shared,
        file,
        newPgoff,
        name,
        growsDown,
        anonVma,
        readAdvice,
        thpAdvice,
        hugetlb);
  }

  /** This area marked as holding anonymous pages. */
  public Vma withAnonVma() {
    return anonVma
        ? this
        : new Vma(
            start,
            end,
            prot,
            shared,
            file,
            pgoff,
            name,
            growsDown,
            true,
            readAdvice,
            thpAdvice,
            hugetlb);
  }

  /** This area with another readahead advice ({@code madvise} random, sequential or normal). */
  public Vma withReadAdvice(Madvice advice) {
    return new Vma(
        start, end, prot, shared, file, pgoff, name, growsDown, anonVma, advice, thpAdvice,
        hugetlb);
  }

  /** This area with another THP advice ({@code madvise} hugepage or nohugepage). */
  public Vma withThpAdvice(ThpAdvice advice) {
    return new Vma(
        start,
        end,
        prot,
        shared,
        file,
        pgoff,
        name,
        growsDown,
        anonVma,
        readAdvice,
        advice,
        hugetlb);
  }

  /**
   * True if {@code next} starts where this ends and the two would be one area ({@code vma_merge}).
   */
  public boolean canMergeWith(Vma next) {
    return end == next.start
        && prot.equals(next.prot)
        && shared == next.shared
        && Objects.equals(file, next.file)
        && (file == null || pgoff + pages() == next.pgoff)
        && name.equals(next.name)
        && growsDown == next.growsDown
        && readAdvice == next.readAdvice
        && thpAdvice == next.thpAdvice
        && hugetlb == next.hugetlb
        && (hugetlb == null || pgoff + pages() == next.pgoff)
        && !(shared && file == null);
  }

  /** What a fault handler may see of this area. */
  public VmaInfo info() {
    String shown = file != null ? file.path() : name;
    return new VmaInfo(
        start, end, prot.read(), prot.write(), prot.exec(), shared, anonymous(), shown);
  }
}
