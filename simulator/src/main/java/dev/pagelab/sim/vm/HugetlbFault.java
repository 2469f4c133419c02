package dev.pagelab.sim.vm;

/** What a fault in a hugetlb area ended in ({@code hugetlb_fault}'s {@code vm_fault_t}). */
public enum HugetlbFault {
  /** The page is mapped: a minor fault. */
  MINOR,
  /** No huge page could be had ({@code VM_FAULT_SIGBUS}): the process gets SIGBUS. */
  SIGBUS,
  /** No frame for a page table: out of memory. */
  OOM
}
