package dev.pagelab.sim.vm;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.PagingMode;

/**
 * Where things go in a new x86-64 address space with address-space randomization off (as under
 * {@code setarch -R} or gdb), so every run prints the same addresses.
 *
 * <pre>
 *   DEFAULT_MAP_WINDOW 0x0000_7fff_ffff_f000   (also with 5-level paging: addresses above 2^47 are
 *                                              used only by MAP_FIXED or a hint, up to 2^56 - 4096)
 *               [stack]                 132 KiB below TASK_SIZE, grows down up to RLIMIT_STACK
 *               gap                     max(RLIMIT_STACK + stack_guard_gap, 128 MiB)
 *   mmap_base   DEFAULT_MAP_WINDOW - gap   mmap() places areas top-down below it
 *               ...
 *               [heap]                  grows up from the end of the program's data (brk)
 *   ELF base    0x0000_5555_5555_4000  (2/3 of TASK_SIZE, ELF_ET_DYN_BASE)
 *   mmap_min_addr 0x10000               nothing may be mapped below it
 * </pre>
 */
public final class Layout {
  /** 4 KiB. */
  public static final long PAGE_SIZE = 4096;

  /** {@code vm.mmap_min_addr}. */
  public static final long MMAP_MIN_ADDR = 0x10000;

  /** {@code vm.max_map_count}. */
  public static final int MAX_MAP_COUNT = 65530;

  /** {@code RLIMIT_STACK}: 8 MiB. */
  public static final long STACK_RLIMIT = 8L << 20;

  /** {@code stack_guard_gap}: 256 pages. */
  public static final long STACK_GUARD_GAP = 256 * PAGE_SIZE;

  /** The initial size of the stack VMA. */
  public static final long INITIAL_STACK = 132L << 10;

  /** The smallest gap between the stack top and mmap_base. */
  private static final long MIN_GAP = 128L << 20;

  private Layout() {}

  /** {@code DEFAULT_MAP_WINDOW}: the top of the stack and of default mmap placement. */
  public static final long DEFAULT_MAP_WINDOW = (1L << 47) - PAGE_SIZE;

  /**
   * {@code TASK_SIZE_MAX}: the end of user space (2^47 - 4096, or 2^56 - 4096 with 5-level paging).
   */
  public static long taskSizeMax(PagingMode mode) {
    return X86Paging.userAddressLimit(mode) - PAGE_SIZE;
  }

  /** {@code mmap_base} of {@code arch/x86/mm/mmap.c} with no randomization. */
  public static long mmapBase() {
    long gap = Math.max(STACK_RLIMIT + STACK_GUARD_GAP, MIN_GAP);
    return pageAlign(DEFAULT_MAP_WINDOW - gap);
  }

  /** Where a position-independent executable is loaded: {@code ELF_ET_DYN_BASE}. */
  public static long elfBase() {
    return (DEFAULT_MAP_WINDOW / 3 * 2) & ~(PAGE_SIZE - 1);
  }

  /** Rounds up to a page boundary (the caller checks for overflow). */
  public static long pageAlign(long bytes) {
    return (bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  }
}
