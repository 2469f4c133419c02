/**
 * The page cache: the folios that hold file pages, shared-memory pages and the block device's
 * metadata (Buffers), by file and page index, with their dirty and LRU flags.
 *
 * <p>It follows Linux 6.18: {@code mm/filemap.c} (lookup, {@code filemap_fault}, {@code
 * filemap_read}, {@code filemap_map_pages}), {@code mm/readahead.c} ({@code page_cache_sync_ra},
 * {@code page_cache_async_ra}, {@code page_cache_ra_order}: windows that grow and folios two orders
 * larger on each sequential hit), {@code mm/swap.c} ({@code folio_mark_accessed}), {@code
 * mm/truncate.c} and {@code fs/drop_caches.c}; {@code mm/shmem.c} for shared memory (a miss
 * allocates a zeroed page, a minor fault). A 2 MiB file folio is one order-9 block ({@code
 * filemap_alloc_folio}), so a PMD can map it; smaller folios take frames one by one, and when no
 * order-9 block is free readahead reads the rest of its window in 4 KiB folios ({@code
 * do_page_cache_ra}). Shared anonymous memory is a shmem object that lives as long as a mapping of
 * it does. The dirty limits and the flusher that drive writeback are in {@code kernel.Writeback}.
 *
 * <p>I/O takes time on the simulated clock: {@code Disk} is the block device's request queue.
 * Readahead reads and writeback are requests on it; until a read completes its folios are locked
 * and not uptodate ({@code read_pages} to {@code folio_end_read}), until a write completes they are
 * {@code PG_writeback} ({@code folio_start_writeback} to {@code folio_end_writeback}, {@code
 * mm/page-writeback.c}).
 *
 * <p>File and Buffers folios sit on the file LRU lists, oldest first; {@code shrinkInactiveFile}
 * and {@code shrinkActiveFile} are the per-folio halves of {@code mm/vmscan.c}'s {@code
 * shrink_inactive_list} and {@code shrink_active_list} (with {@code folio_check_references}; what
 * maps a folio comes from the reverse map behind {@code FolioRmap}); the policy (how much, when) is
 * in the {@code reclaim} package.
 *
 * <p>Each folio is charged to the memory cgroup of the task that added it ({@code
 * mem_cgroup_charge} in {@code filemap_add_folio}, {@code mm/memcontrol.c}) and uncharged as it
 * leaves; {@code MemcgFolios} keeps each group's folios for {@code memory.stat} and memcg reclaim.
 */
package dev.pagelab.sim.cache;
