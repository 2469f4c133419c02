/**
 * khugepaged and {@code MADV_COLLAPSE}: the policy that turns a 2 MiB range mapped by 512 small
 * pages into one transparent huge page, and the background scan that finds such ranges.
 *
 * <p>Follows Linux 6.18 {@code mm/khugepaged.c}: the sysfs knobs under {@code
 * /sys/kernel/mm/transparent_hugepage/khugepaged/} and their store functions, {@code
 * hpage_collapse_scan_pmd} and {@code __collapse_huge_page_isolate} (the collapse rules, with
 * {@code cc->is_khugepaged} deciding whether the limits apply), {@code collapse_huge_page} and
 * {@code __collapse_huge_page_swapin} (what a collapse does, as a plan the machine executes), the
 * mm-slot list with its cursor {@code khugepaged_scan} ({@code __khugepaged_enter}, {@code
 * khugepaged_enter_vma}, {@code __khugepaged_exit}, {@code khugepaged_scan_mm_slot}, {@code
 * khugepaged_do_scan}, {@code khugepaged_wait_work}) and {@code madvise_collapse}. Which VMAs
 * qualify follows {@code thp_vma_allowable_order} and {@code vma_thp_disabled} in {@code
 * mm/huge_memory.c} and {@code include/linux/huge_mm.h}; the result names are those of {@code
 * include/trace/events/huge_memory.h}; defaults and meanings are those of {@code
 * Documentation/admin-guide/mm/transhuge.rst}.
 *
 * <p>The package knows nothing of the machine: it reads page tables through {@link
 * dev.pagelab.sim.khugepaged.CollapseTarget}, which the kernel package implements.
 */
package dev.pagelab.sim.khugepaged;
