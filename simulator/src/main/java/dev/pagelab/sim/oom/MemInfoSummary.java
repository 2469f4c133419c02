package dev.pagelab.sim.oom;

/**
 * The machine-wide summary at the end of {@code mm/show_mem.c __show_mem} (with {@code
 * show_swap_cache_info} from {@code mm/swap_state.c}), printed after {@code Mem-Info:} in a global
 * OOM report.
 *
 * @param pagecachePages {@code NR_FILE_PAGES}
 * @param swapCachePages {@code total_swapcache_pages}
 * @param freeSwapPages {@code get_nr_swap_pages}
 * @param totalSwapPages {@code total_swap_pages}
 * @param ramPages present pages of all populated zones
 * @param highmemPages present pages of highmem/movable zones
 * @param reservedPages present minus managed pages
 * @param cmaReservedPages {@code totalcma_pages}
 * @param hwpoisonedPages {@code num_poisoned_pages}
 */
public record MemInfoSummary(
    long pagecachePages,
    long swapCachePages,
    long freeSwapPages,
    long totalSwapPages,
    long ramPages,
    long highmemPages,
    long reservedPages,
    long cmaReservedPages,
    long hwpoisonedPages) {}
