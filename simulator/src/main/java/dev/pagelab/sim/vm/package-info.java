/**
 * A process's address space: VMAs, {@code mmap}, {@code munmap}, {@code mprotect}, {@code brk}, the
 * copy of an address space at {@code fork}, RSS counters and {@code pgtables_bytes}.
 *
 * <p>Follows {@code mm/mmap.c} and {@code mm/vma.c} ({@code do_mmap}, {@code mmap_region}, {@code
 * do_vmi_munmap}, {@code do_brk_flags}, {@code vm_unmapped_area} top-down), {@code mm/mprotect.c},
 * {@code mm/memory.c} ({@code copy_page_range}, {@code zap_pte_range}, {@code free_pgd_range}) and
 * {@code arch/x86/mm/mmap.c} ({@code mmap_base}).
 *
 * <p>Swap: {@code SwapDevice} is the swap area of {@code mm/swapfile.c} (slots with use counts,
 * {@code swap_duplicate}, {@code swap_free}); an address space swaps its anonymous pages out by a
 * clock scan with a second chance for pages whose Accessed bit is set (in the spirit of {@code
 * try_to_unmap_one} after {@code folio_referenced}) and back in as {@code do_swap_page} does.
 */
package dev.pagelab.sim.vm;
