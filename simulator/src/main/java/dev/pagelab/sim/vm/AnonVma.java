package dev.pagelab.sim.vm;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The anonymous reverse map of one fork tree ({@code struct anon_vma} of {@code mm/rmap.c} with the
 * {@code anon_vma_chain}s that link a child's areas to its parent's): the address spaces that may
 * map an anonymous page of any of them. A program image ({@code execve}) starts a tree; {@code
 * fork} adds the child to its parent's tree; {@code exit} takes it out.
 *
 * <p>The kernel gives each area its own {@code anon_vma} chained to its parent's, so a page the
 * child faulted in is not looked for in the parent; this model keeps one set per tree, a superset,
 * and the walk checks each entry. There is no {@code mremap}, so an anonymous page sits at the same
 * virtual address in every address space that maps it: its {@code folio->index} is the address, as
 * {@code vma_address} computes it for an area whose {@code vm_pgoff} is its start.
 */
public final class AnonVma {
  private final Set<AddressSpace> members = new LinkedHashSet<>();

  /** The address spaces of the tree, oldest first (a read-only view). */
  public Set<AddressSpace> members() {
    return Collections.unmodifiableSet(members);
  }

  void join(AddressSpace mm) {
    if (!members.add(mm)) {
      throw new IllegalStateException("AnonVma.join: the address space is already a member");
    }
  }

  void leave(AddressSpace mm) {
    if (!members.remove(mm)) {
      throw new IllegalStateException("AnonVma.leave: the address space is not a member");
    }
  }
}
