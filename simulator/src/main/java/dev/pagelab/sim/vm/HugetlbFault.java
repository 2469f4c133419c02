package dev.pagelab.sim.vm;

/** What a fault in a hugetlb area ended in ({@code hugetlb_fault}'s {@code vm_fault_t}). */
public enum HugetlbFault {
  /** The page is mapped: a minor fault. */
  MINOR,
  /** No huge page could be had ({@code VM_FAULT_SIGBUS}): the process gets SIGBUS. */
  SIGBUS,
  /** No frame for a page table: out of memory. */
  OOM,
  /**
   * The mapping's owner could not copy a page shared with its children because the pool is empty:
   * the kernel unmaps the page from the other processes ({@code unmap_ref_private}) and retries, so
   * the owner keeps its page.
   */
  COW_FROM_OWNER_SHORT,
  /**
   * A fault where the owner took the page away after a failed copy-on-write ({@code
   * HPAGE_RESV_UNMAPPED}): SIGBUS, with the kernel's "killed due to inadequate hugepage pool".
   */
  SIGBUS_UNMAPPED
}
