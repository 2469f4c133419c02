package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.Rmap;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reverse map and what reclaim does with it: the mappers of a page-cache folio and of an
 * anonymous page shared after fork, {@code folio_check_references} on mapped file folios, {@code
 * try_to_unmap} of mapped file folios (RSS drops in every mapper, a later touch faults again) and
 * of shared anonymous pages (a swap entry in every mapper, one slot reference each).
 */
class RmapTest {
  private static final long MIB = 1L << 20;
  private static final String PATH = "/data/shared";

  private Machine m;

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private void boot(long swapBytes) {
    m = new Machine(PressureConfig.of(256 * MIB, swapBytes));
  }

  private void touch(Process p, long at, long bytes, AccessType type) {
    for (long off = 0; off < bytes; off += 4096) {
      assertTrue(m.access(p, at + off, type));
    }
  }

  /** The pages of {@code [at, at + bytes)} that {@code p} has mapped. */
  private static long mappedIn(Process p, long at, long bytes) {
    long n = 0;
    for (long off = 0; off < bytes; off += 4096) {
      n += X86Paging.isPresent(p.mm().readPte(at + off)) ? 1 : 0;
    }
    return n;
  }

  private Set<Integer> pidsOf(List<Rmap.Mapper> mappers) {
    Set<AddressSpace> mms = mappers.stream().map(Rmap.Mapper::mm).collect(Collectors.toSet());
    return m.processes().stream()
        .filter(p -> mms.contains(p.mm()))
        .map(Process::pid)
        .collect(Collectors.toSet());
  }

  @Test
  void fileFoliosAreFoundInEveryProcessThatMapsThem() throws SyscallException {
    boot(0);
    MappedFile f = m.file(PATH, 64 * 4096);
    Process a = m.spawn("a", "/usr/bin/a");
    Process b = m.spawn("b", "/usr/bin/b");
    long atA = m.mmap(a, 0, 64 * 4096, Prot.R, true, false, PATH, 0);
    long atB = m.mmap(b, 0, 32 * 4096, Prot.R, false, false, PATH, 32 * 4096);
    touch(a, atA, 64 * 4096, AccessType.READ);
    touch(b, atB, 32 * 4096, AccessType.READ);
    Folio low = m.pageCache().lookup(f, 3);
    Folio high = m.pageCache().lookup(f, 40);
    List<Rmap.Mapper> lowMappers = m.rmap().fileMappers(f, 3, low.pfn(3));
    List<Rmap.Mapper> highMappers = m.rmap().fileMappers(f, 40, high.pfn(40));
    assertEquals(Set.of(a.pid()), pidsOf(lowMappers));
    assertEquals(atA + 3 * 4096, lowMappers.get(0).va());
    assertEquals(Set.of(a.pid(), b.pid()), pidsOf(highMappers));
    for (Rmap.Mapper mp : highMappers) {
      assertEquals(high.pfn(40), X86Paging.pteToPfn(mp.mm().readPte(mp.va())), "vma_address");
    }
    assertEquals(m.memory().mapCount(high.pfn(40)), highMappers.size());
  }

  @Test
  void sharedAnonymousPagesAreFoundInTheForkTree() throws SyscallException {
    boot(64 * MIB);
    Process parent = m.spawn("p", "/usr/bin/p");
    Process other = m.spawn("o", "/usr/bin/o");
    long at = m.mmap(parent, 0, MIB, Prot.RW, false, false, null, 0);
    touch(parent, at, MIB, AccessType.WRITE);
    Process child = m.fork(parent);
    long pfn = X86Paging.pteToPfn(parent.mm().readPte(at));
    List<Rmap.Mapper> mappers = m.rmap().anonMappers(child.mm(), at, pfn);
    assertEquals(Set.of(parent.pid(), child.pid()), pidsOf(mappers));
    assertTrue(parent.mm().anonVma().members().contains(child.mm()));
    assertFalse(parent.mm().anonVma().members().contains(other.mm()), "exec starts a tree");
    m.exit(child, 0);
    assertFalse(parent.mm().anonVma().members().contains(child.mm()), "exit leaves the tree");
  }

  @Test
  void mappedFileFoliosAreKeptOnceThenActivatedWhenTouchedAgainElseUnmapped()
      throws SyscallException {
    boot(0);
    MappedFile f = m.file(PATH, 4 * 4096);
    Process a = m.spawn("a", "/usr/bin/a");
    long at = m.mmap(a, 0, 4 * 4096, Prot.R, false, false, PATH, 0);
    touch(a, at, 4 * 4096, AccessType.READ);
    long rssFile = a.mm().rssFile();
    assertEquals(4, mappedIn(a, at, 4 * 4096));
    long all = m.pageCache().inactiveFilePages();

    m.pageCache().shrinkInactiveFile(all);
    for (long i = 0; i < 4; i++) {
      Folio folio = m.pageCache().lookup(f, i);
      assertTrue(folio.referenced() && !folio.active(), "kept with PG_referenced, page " + i);
      assertEquals(0, a.mm().readPte(at + i * 4096) & Pte.PTE_A, "Accessed bit cleared");
    }
    assertEquals(4, mappedIn(a, at, 4 * 4096), "nothing unmapped on the first trip");

    touch(a, at, 4096, AccessType.READ);
    m.pageCache().shrinkInactiveFile(m.pageCache().inactiveFilePages());
    assertTrue(m.pageCache().lookup(f, 0).active(), "referenced twice: activated");
    for (long i = 1; i < 4; i++) {
      assertEquals(null, m.pageCache().lookup(f, i), "unreferenced: unmapped and freed " + i);
      assertEquals(0, a.mm().readPte(at + i * 4096), "entry cleared " + i);
    }
    assertEquals(1, mappedIn(a, at, 4 * 4096));
    assertTrue(a.mm().rssFile() <= rssFile - 3, "RssFile dropped");
  }

  @Test
  void executableFoliosAreActivatedAfterOneReferenceAndStayActiveWhileUsed()
      throws SyscallException {
    boot(0);
    MappedFile f = m.file(PATH, 4 * 4096);
    Process a = m.spawn("a", "/usr/bin/a");
    long at = m.mmap(a, 0, 4 * 4096, Prot.RX, false, false, PATH, 0);
    touch(a, at, 4 * 4096, AccessType.EXECUTE);
    m.pageCache().shrinkInactiveFile(m.pageCache().inactiveFilePages());
    for (long i = 0; i < 4; i++) {
      assertTrue(m.pageCache().lookup(f, i).active(), "VM_EXEC: activated at once, page " + i);
    }
    touch(a, at, 4096, AccessType.EXECUTE);
    m.pageCache().shrinkActiveFile(m.pageCache().activeFilePages());
    assertTrue(m.pageCache().lookup(f, 0).active(), "referenced executable folio stays active");
    for (long i = 1; i < 4; i++) {
      assertFalse(m.pageCache().lookup(f, i).active(), "unreferenced: deactivated " + i);
    }
    assertEquals(4, mappedIn(a, at, 4 * 4096), "deactivation does not unmap");
  }

  @Test
  void reclaimUnmapsFileFoliosFromEveryMapperAndTheNextTouchFaultsAgain() throws SyscallException {
    boot(0);
    MappedFile f = m.file(PATH, 256 * 4096);
    Process a = m.spawn("a", "/usr/bin/a");
    Process b = m.spawn("b", "/usr/bin/b");
    long atA = m.mmap(a, 0, MIB, Prot.R, true, false, PATH, 0);
    long atB = m.mmap(b, 0, MIB, Prot.R, false, false, PATH, 0);
    touch(a, atA, MIB, AccessType.READ);
    touch(b, atB, MIB, AccessType.READ);
    long rssA = a.mm().rssFile();
    long rssB = b.mm().rssFile();
    long mapped = m.pageCache().mappedPages();
    assertEquals(256, mappedIn(a, atA, MIB));
    assertEquals(256, mappedIn(b, atB, MIB));

    m.vmscan().direct(m.pageCache().filePages());

    assertTrue(m.pageCache().folios(f).isEmpty(), "every folio of the file reclaimed");
    assertEquals(0, mappedIn(a, atA, MIB), "unmapped in a");
    assertEquals(0, mappedIn(b, atB, MIB), "unmapped in b");
    assertTrue(a.mm().rssFile() <= rssA - 256, "RssFile of a");
    assertTrue(b.mm().rssFile() <= rssB - 256, "RssFile of b");
    assertTrue(m.pageCache().mappedPages() <= mapped - 256, "Mapped dropped");

    long majors = a.majFlt();
    touch(a, atA, 4096, AccessType.READ);
    assertEquals(majors + 1, a.majFlt(), "the folio was freed: a major fault");
    long minors = b.minFlt();
    majors = b.majFlt();
    touch(b, atB, 4096, AccessType.READ);
    assertEquals(majors, b.majFlt(), "a's fault brought the folio back: b's is minor");
    assertEquals(minors + 1, b.minFlt());
  }

  @Test
  void dirtyEntriesOfASharedMappingAreWrittenWhenUnmapped() throws SyscallException {
    boot(0);
    MappedFile f = m.file(PATH, 16 * 4096);
    Process a = m.spawn("a", "/usr/bin/a");
    long at = m.mmap(a, 0, 16 * 4096, Prot.RW, true, false, PATH, 0);
    touch(a, at, 16 * 4096, AccessType.WRITE);
    m.sync();
    assertEquals(0, m.pageCache().dirtyPages());
    long written = m.pageCache().pagesWrittenOut();
    m.vmscan().direct(m.pageCache().filePages());
    assertTrue(m.pageCache().folios(f).isEmpty());
    assertEquals(written + 16, m.pageCache().pagesWrittenOut(), "pte_dirty dirtied the folios");
  }

  @Test
  void sharedAnonymousPagesGoToSwapInEveryMapper() throws SyscallException {
    boot(64 * MIB);
    Process parent = m.spawn("p", "/usr/bin/p");
    long at = m.mmap(parent, 0, MIB, Prot.RW, false, false, null, 0);
    touch(parent, at, MIB, AccessType.WRITE);
    Process child = m.fork(parent);
    long parentAnon = parent.mm().rssAnon();
    long childAnon = child.mm().rssAnon();
    long parentSwap = parent.mm().swapents();
    long written = m.swap().pswpout();
    long[] scanned = {0};

    long out = parent.mm().swapOut(Long.MAX_VALUE, scanned);

    assertTrue(out >= 256, "swapped out " + out);
    assertTrue(scanned[0] >= 2 * out, "a second trip after the Accessed bits were cleared");
    for (long off = 0; off < MIB; off += 4096) {
      long pte = parent.mm().readPte(at + off);
      assertTrue(AddressSpace.isSwapEntry(pte), "parent entry is a swap entry");
      assertEquals(pte, child.mm().readPte(at + off), "the same swap entry in the child");
      assertEquals(2, m.swap().useCount(X86Paging.pteToPfn(pte)), "swap count = mappers");
    }
    assertEquals(parentAnon - out, parent.mm().rssAnon());
    assertEquals(childAnon - out, child.mm().rssAnon());
    assertEquals(parentSwap + out, parent.mm().swapents(), "VmSwap of the parent");
    assertEquals(out, child.mm().swapents(), "VmSwap of the child");
    assertEquals(out, m.swap().usedPages(), "one slot per page");
    assertEquals(written + out, m.swap().pswpout(), "each page written once");
  }

  @Test
  void aPageSwappedInByOneMapperIsSharedAgainOrCopiedOnWrite() throws SyscallException {
    boot(64 * MIB);
    Process parent = m.spawn("p", "/usr/bin/p");
    long at = m.mmap(parent, 0, MIB, Prot.RW, false, false, null, 0);
    touch(parent, at, MIB, AccessType.WRITE);
    Process child = m.fork(parent);
    long[] scanned = {0};
    parent.mm().swapOut(Long.MAX_VALUE, scanned);
    long slot = X86Paging.pteToPfn(parent.mm().readPte(at));

    long majors = child.majFlt();
    touch(child, at, 4096, AccessType.READ);
    assertEquals(majors + 1, child.majFlt(), "read from swap");
    long minors = parent.minFlt();
    touch(parent, at, 4096, AccessType.READ);
    assertEquals(minors + 1, parent.minFlt(), "found in the swap cache");
    long pfn = X86Paging.pteToPfn(child.mm().readPte(at));
    assertEquals(pfn, X86Paging.pteToPfn(parent.mm().readPte(at)), "shared again");
    assertEquals(2, m.memory().mapCount(pfn));

    long slot2 = X86Paging.pteToPfn(parent.mm().readPte(at + 4096));
    touch(child, at + 4096, 4096, AccessType.WRITE);
    long copy = X86Paging.pteToPfn(child.mm().readPte(at + 4096));
    assertNotEquals(m.swap().cachedPfn(slot2), copy, "the parent's swap entry still holds it");
    assertEquals(1, m.swap().useCount(slot2));
    majors = parent.majFlt();
    touch(parent, at + 4096, 4096, AccessType.READ);
    assertNotEquals(
        copy, X86Paging.pteToPfn(parent.mm().readPte(at + 4096)), "not the child's copy");
    assertEquals(majors + 1, parent.majFlt(), "the parent's page is read back from its slot");
    assertEquals(0, m.swap().useCount(slot), "both entries of the first page are gone");
  }
}
