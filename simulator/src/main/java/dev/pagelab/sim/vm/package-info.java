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
 * try_to_unmap_one} after {@code folio_referenced}) and back in as {@code do_swap_page} does. The
 * swap cache of {@code mm/swap_state.c} sits in {@code SwapDevice}: {@code MADV_PAGEOUT} ({@code
 * mm/madvise.c}) leaves the pages it wrote there, a fault on a cached page is minor, a miss reads
 * the {@code vm.page-cluster} readahead window ({@code swap_vma_readahead} at its full size), and
 * {@code should_try_to_free_swap} decides whether a swapped-in page keeps its slot. {@code AnonLru}
 * holds the inactive and active anon lists of {@code struct lruvec}.
 *
 * <p>The reverse map of {@code mm/rmap.c}: {@code Rmap} keeps each file's {@code i_mmap} (the areas
 * that map it) and finds where a page-cache folio is mapped ({@code rmap_walk_file}, {@code
 * vma_address}), with {@code folio_referenced} and {@code try_to_unmap} for file reclaim; {@code
 * AnonVma} is the {@code anon_vma} of a fork tree, through which the swap clock finds every entry
 * of an anonymous page shared after fork ({@code rmap_walk_anon}) and swaps it out in all of them.
 *
 * <p>hugetlbfs ({@code mm/hugetlb.c}): {@code Hstate} is one pool ({@code set_max_huge_pages},
 * {@code gather_surplus_pages}, {@code alloc_hugetlb_folio}, {@code free_huge_folio}), {@code
 * HugetlbPools} the 2 MiB and 1 GiB pools, {@code HugetlbFile} the unlinked file of a {@code
 * MAP_HUGETLB} mapping with its reservations and (shared) pages, {@code HugetlbMm} the faults,
 * unmapping, fork and mprotect of an address space's hugetlb areas.
 *
 * <p>Transparent huge pages ({@code Thp}, {@code ThpAdvice}) follow {@code mm/huge_memory.c} of
 * Linux 6.18 ({@code do_huge_pmd_anonymous_page}, {@code set_huge_zero_folio}, {@code
 * do_huge_zero_wp_pmd}, {@code do_huge_pmd_wp_page}, {@code copy_huge_pmd}, {@code zap_huge_pmd},
 * {@code change_huge_pmd}, {@code __split_huge_pmd_locked}, {@code deferred_split_folio}, {@code
 * vma_thp_gfp_mask}, {@code __thp_vma_allowable_orders}) and {@code mm/rmap.c} for {@code
 * NR_ANON_THPS}. A 2 MiB page-cache folio is mapped by a PMD leaf as {@code do_set_pmd} maps it
 * ({@code filemap_map_pmd}, {@code finish_fault}), and a split of such a leaf only zaps it.
 *
 * <p>The page counters of an address space are per-CPU counters ({@code RssStat} over the machine's
 * {@code Cpus}), as {@code mm->rss_stat} is since Linux 6.2 ({@code lib/percpu_counter.c}): {@code
 * get_mm_counter} leaves out what each CPU still holds.
 */
package dev.pagelab.sim.vm;
