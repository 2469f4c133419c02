/**
 * Physical memory: 4 KiB frames, the buddy allocator grouped by mobility (pageblocks and their
 * migrate types), zones and their watermarks, the owner and long-term pins of every frame, and
 * memory compaction's scanners.
 *
 * <p>Follows {@code mm/page_alloc.c} (buddy allocator: {@code __rmqueue_smallest}, {@code expand},
 * {@code __free_one_page}, {@code __rmqueue_fallback}, {@code try_to_claim_block}; watermarks:
 * {@code __setup_per_zone_wmarks}), {@code mm/compaction.c} ({@code compact_zone}, {@code
 * isolate_migratepages_block}, {@code isolate_freepages_block}) and {@code mm/show_mem.c} ({@code
 * si_mem_available}). Cost grows with the frames a run touches, never with the size of RAM:
 * per-frame state lives in sections of {@value PhysicalMemory#SECTION_FRAMES} frames that are
 * created on first use.
 */
package dev.pagelab.sim.phys;
