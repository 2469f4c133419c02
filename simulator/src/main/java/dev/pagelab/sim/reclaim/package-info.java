/**
 * Page reclaim: the scan of the LRU lists that frees memory when it runs short, by kswapd in the
 * background and by an allocating task itself (direct reclaim), with the {@code /proc/vmstat}
 * counters it moves.
 *
 * <p>It follows Linux 6.18 {@code mm/vmscan.c}: {@code balance_pgdat} (kswapd, woken below the low
 * watermark, reclaims until the high one is met), {@code do_try_to_free_pages} (direct reclaim of
 * {@code SWAP_CLUSTER_MAX} pages), the priority loop of {@code shrink_lruvec} (each round scans
 * {@code lru_size >> priority} pages, priority 12 down to 0), {@code inactive_is_low} (the inactive
 * file list is refilled from the active one when it is smaller than {@code active / int_sqrt(10 *
 * GiB)}), {@code shrink_active_list} and {@code shrink_inactive_list} (the per-folio decisions are
 * in {@code cache.PageCache}, which reaches the page-table entries of mapped folios through the
 * reverse map, {@code vm.Rmap}: {@code folio_check_references}, {@code try_to_unmap}). The
 * watermarks are compared node-wide (free pages against the sums of the zones' marks), not zone by
 * zone. {@code ScanBalance} is {@code get_scan_count}: how {@code vm.swappiness} splits each round
 * between the anon and the file lists.
 */
package dev.pagelab.sim.reclaim;
