/**
 * Physical memory: 4 KiB frames, the buddy allocator, zones and their watermarks, and the owner of
 * every frame.
 *
 * <p>Follows {@code mm/page_alloc.c} (buddy allocator: {@code __rmqueue_smallest}, {@code expand},
 * {@code __free_one_page}; watermarks: {@code __setup_per_zone_wmarks}) and {@code mm/show_mem.c}
 * ({@code si_mem_available}). Cost grows with the frames a run touches, never with the size of RAM:
 * per-frame state lives in sections of {@value PhysicalMemory#SECTION_FRAMES} frames that are
 * created on first use.
 */
package dev.pagelab.sim.phys;
