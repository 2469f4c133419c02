package dev.pagelab.sim.vm;

/** The {@code madvise} advices this simulator carries out. */
public enum Madvice {
  /** {@code MADV_NORMAL}: no special treatment. */
  NORMAL,
  /** {@code MADV_RANDOM}: expect random access (turns off file readahead). */
  RANDOM,
  /** {@code MADV_SEQUENTIAL}: expect sequential access. */
  SEQUENTIAL,
  /** {@code MADV_WILLNEED}: expect access soon. */
  WILLNEED,
  /** {@code MADV_DONTNEED}: drop the pages now; the next touch faults in fresh (zeroed) pages. */
  DONTNEED,
  /** {@code MADV_COLD}: the pages will not be needed soon; reclaim may take them first. */
  COLD,
  /** {@code MADV_PAGEOUT}: reclaim the pages now (anonymous pages go to swap). */
  PAGEOUT,
  /** {@code MADV_HUGEPAGE}: mark the range {@code VM_HUGEPAGE} (THP in {@code madvise} mode). */
  HUGEPAGE,
  /** {@code MADV_NOHUGEPAGE}: mark the range {@code VM_NOHUGEPAGE} (no THP). */
  NOHUGEPAGE,
  /**
   * {@code MADV_COLLAPSE}: collapse the range's aligned 2 MiB blocks into THPs now ({@code
   * madvise_collapse}); the machine runs it, not {@code AddressSpace.madvise}.
   */
  COLLAPSE
}
