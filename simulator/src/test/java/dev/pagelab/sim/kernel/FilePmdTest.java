package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 2 MiB page-cache folios mapped with one PMD leaf ({@code do_set_pmd}), as Linux 6.18 maps the
 * large folios ext4 caches: no PTE table for them, FilePmdMapped and {@code thp_file_mapped}, and
 * what a write, a partial unmap, fork, reclaim and compaction do to such a mapping.
 */
class FilePmdTest {
  private static final String PATH = "/data/big";
  private static final long LEN = 100L << 20;
  private static final long MIB2 = 2L << 20;
  private Machine m = new Machine(MachineConfig.DEFAULT);

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  /** Maps the file and reads one byte of every page; returns the mapping's address. */
  private long readAll(Process p, boolean shared, Madvice advice) throws Exception {
    return readAll(p, Prot.R, shared, advice);
  }

  private long readAll(Process p, Prot prot, boolean shared, Madvice advice) throws Exception {
    m.file(PATH, LEN);
    long at = m.mmap(p, 0, LEN, prot, shared, false, PATH, 0);
    if (advice != null) {
      m.madvise(p, at, LEN, advice);
    }
    for (long off = 0; off < LEN; off += 4096) {
      assertTrue(m.access(p, at + off, AccessType.READ));
    }
    return at;
  }

  private long meminfo(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  private long pmdLeaves(Process p, long at) {
    long n = 0;
    for (long va = at; va < at + LEN; va += MIB2) {
      n += p.mm().tables().hugeLeaf(va) != 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void readaheadsTwoMibFoliosAreMappedByPmdsWithoutPteTables() throws Exception {
    Process p = m.spawn("reader", "/usr/bin/reader");
    long pte0 = p.mm().tables().pgtablesBytes();
    long at = readAll(p, false, null);
    assertEquals(30, pmdLeaves(p, at), "the 30 folios of 2 MiB readahead made (truth/pagemap)");
    assertEquals(80, (p.mm().tables().pgtablesBytes() - pte0) / 1024, "VmPTE: 20 tables, as Linux");
    assertEquals(30 * 2048, meminfo("FilePmdMapped"));
    assertTrue(meminfo("FileHugePages") >= 30 * 2048, "NR_FILE_THPS counts the cached ones");
    assertEquals(30, ProcFs.vmstatFields(m).get("thp_file_mapped"));
    assertEquals(LEN / 4096, p.mm().rssFile() - rssFileOfExec(), "every page counts in RssFile");
  }

  @Test
  void madvNoHugepageOrPrctlKeepsPteMappings() throws Exception {
    Process p = m.spawn("reader", "/usr/bin/reader");
    long at = readAll(p, false, Madvice.NOHUGEPAGE);
    assertEquals(0, pmdLeaves(p, at));
    Process q = m.spawn("other", "/usr/bin/other");
    m.prctlThpDisable(q, true);
    long at2 = m.mmap(q, 0, LEN, Prot.R, false, false, PATH, 0);
    for (long off = 0; off < LEN; off += 4096) {
      m.access(q, at2 + off, AccessType.READ);
    }
    assertEquals(0, pmdLeaves(q, at2), "PR_SET_THP_DISABLE refuses PMD mappings too");
    assertEquals(0, meminfo("FilePmdMapped"));
  }

  @Test
  void aMappingWhoseOffsetIsNotAlignedGetsNoPmd() throws Exception {
    Process p = m.spawn("reader", "/usr/bin/reader");
    readAll(p, false, null); // fills the cache
    Process q = m.spawn("other", "/usr/bin/other");
    long unplaced = m.mmap(q, 0, LEN - 4096, Prot.R, false, false, PATH, 4096);
    for (long off = 0; off < LEN - 4096; off += 4096) {
      m.access(q, unplaced + off, AccessType.READ);
    }
    assertEquals(
        4096, unplaced & (MIB2 - 1), "thp_get_unmapped_area: address and offset agree mod 2 MiB");
    assertEquals(30, pmdLeaves(q, unplaced), "so all 30 folios of 2 MiB (inside it) get PMDs");
    Process r = m.spawn("fixed", "/usr/bin/fixed");
    long at = m.mmap(r, 0x7f0000000000L, LEN - 4096, Prot.R, false, true, PATH, 4096);
    for (long off = 0; off < LEN - 4096; off += 4096) {
      m.access(r, at + off, AccessType.READ);
    }
    assertEquals(0, pmdLeaves(r, at), "thp_vma_suitable_order: a 2 MiB address, a 4 KiB offset");
  }

  @Test
  void aPrivateWriteSplitsThePmdAndCopiesOnePage() throws Exception {
    Process p = m.spawn("writer", "/usr/bin/writer");
    long at = readAll(p, Prot.RW, false, null);
    long target = at + LEN - MIB2 + 8192; // inside the last 2 MiB folio
    assertNotEquals(0, p.mm().tables().hugeLeaf(target));
    long splits = ProcFs.vmstatFields(m).get("thp_split_pmd");
    long anon = p.mm().rssAnon();
    assertTrue(m.access(p, target, AccessType.WRITE));
    assertEquals(0, p.mm().tables().hugeLeaf(target), "wp_huge_pmd split (zapped) the PMD");
    assertEquals(splits + 1, ProcFs.vmstatFields(m).get("thp_split_pmd"));
    assertEquals(anon + 1, p.mm().rssAnon(), "one private copy");
    assertTrue(m.access(p, target + 4096, AccessType.READ), "the rest faults back in");
  }

  @Test
  void aSharedWriteAfterAReadMapsTheFolioWritableAndDirty() throws Exception {
    Process p = m.spawn("writer", "/usr/bin/writer");
    long at = readAll(p, Prot.RW, true, null);
    long target = at + LEN - MIB2;
    long dirty = meminfo("Dirty");
    long min = p.minFlt();
    assertTrue(m.access(p, target, AccessType.WRITE));
    assertEquals(min + 1, p.minFlt(), "one fault: split, then finish_fault maps it writable");
    assertNotEquals(0, p.mm().tables().hugeLeaf(target), "a PMD maps it again");
    assertEquals(dirty + 2048, meminfo("Dirty"), "the whole 2 MiB folio is dirty");
    assertTrue(m.access(p, target + 4096, AccessType.WRITE), "no fault: the leaf is writable");
    assertEquals(min + 1, p.minFlt());
  }

  @Test
  void unmappingPartOfAPmdDropsTheWholeLeaf() throws Exception {
    Process p = m.spawn("reader", "/usr/bin/reader");
    long at = readAll(p, false, null);
    long last = at + LEN - MIB2;
    long file = p.mm().rssFile();
    m.munmap(p, last + 4096, 4096);
    assertEquals(0, p.mm().tables().hugeLeaf(last));
    assertEquals(file - 512, p.mm().rssFile(), "split_huge_pmd of a file folio only zaps it");
    assertTrue(m.access(p, last, AccessType.READ), "the pages left fault back in, with PTEs");
    assertEquals(0, p.mm().tables().hugeLeaf(last));
  }

  @Test
  void forkDoesNotCopyFilePmdsAndTheChildFaultsThemIn() throws Exception {
    Process p = m.spawn("parent", "/usr/bin/parent");
    long at = readAll(p, Prot.RW, false, null);
    m.access(p, at, AccessType.WRITE); // a COW page: the area has an anon_vma, fork copies it
    Process child = m.fork(p);
    long last = at + LEN - MIB2;
    assertNotEquals(0, p.mm().tables().hugeLeaf(last));
    assertEquals(0, child.mm().tables().hugeLeaf(last), "copy_huge_pmd skips a file PMD");
    long min = child.minFlt();
    assertTrue(m.access(child, last, AccessType.READ));
    assertEquals(min + 1, child.minFlt());
    assertNotEquals(0, child.mm().tables().hugeLeaf(last), "mapped whole again, from the cache");
  }

  @Test
  void compactionLeavesPmdMappedFoliosInPlace() throws Exception {
    Process p = m.spawn("reader", "/usr/bin/reader");
    long at = readAll(p, false, null);
    long last = at + LEN - MIB2;
    long leaf = p.mm().tables().hugeLeaf(last);
    m.compactMemory();
    assertEquals(leaf, p.mm().tables().hugeLeaf(last));
  }

  @Test
  void reclaimUnmapsAPmdMappedFolioInEveryProcessThatMapsIt() throws Exception {
    m = new Machine(PressureConfig.of(512L << 20, 0));
    Process reader = m.spawn("reader", "/usr/bin/reader");
    long at = readAll(reader, false, null);
    long mapped = meminfo("FilePmdMapped");
    assertTrue(mapped > 0);
    m.exit(reader, 0);
    Process q = m.spawn("again", "/usr/bin/again");
    long at2 = m.mmap(q, 0, LEN, Prot.R, false, false, PATH, 0);
    for (long off = 0; off < LEN; off += MIB2) {
      m.access(q, at2 + off, AccessType.READ);
    }
    assertTrue(meminfo("FilePmdMapped") > 0);
    Process hog = m.spawn("hog", "/usr/bin/hog");
    long len = 480L << 20;
    long h = m.mmap(hog, 0, len, Prot.RW, false, false, null, 0);
    for (long off = 0; off < len && hog.alive(); off += 4096) {
      m.access(hog, h + off, AccessType.WRITE);
    }
    assertTrue(
        meminfo("FilePmdMapped") < mapped,
        "reclaim unmapped (try_to_unmap) and freed some of the file's 2 MiB folios");
  }

  @Test
  void withNoFreeTwoMibBlockReadaheadFallsBackToSmallFolios() throws Exception {
    java.util.List<Long> kept = fragmentedSmallMachine();
    m.file(PATH, LEN);
    m.read(PATH);
    long twoMib = 0;
    long cached = 0;
    for (var f : m.pageCache().folios(m.existingFile(PATH))) {
      twoMib += f.pages() == 512 ? 1 : 0;
      cached += f.pages();
    }
    assertEquals(0, twoMib, "ra_alloc_folio found no order-9 block: smaller folios instead");
    assertEquals(LEN / 4096, cached, "the whole file is in the cache");
    assertEquals(
        0,
        ProcFs.vmstatFields(m).get("pgscan_direct"),
        "do_page_cache_ra read the rest of each window at once: nothing had to be reclaimed");
    for (long pfn : kept) {
      m.memory().free(pfn);
    }
  }

  @Test
  void withNoFreeTwoMibBlockAWriteMakesOneMibFolios() throws Exception {
    java.util.List<Long> kept = fragmentedSmallMachine();
    m.write("/data/new", 0, 4L << 20);
    for (var f : m.pageCache().folios(m.existingFile("/data/new"))) {
      assertEquals(256, f.pages(), "__filemap_get_folio fell back to the next smaller order");
    }
    m.unlink("/data/new");
    for (long pfn : kept) {
      m.memory().free(pfn);
    }
  }

  /**
   * A 512 MiB machine whose free frames are every other one: no free block of order 1 or more. The
   * test gives back the frames it returns before the invariants are checked.
   */
  private java.util.List<Long> fragmentedSmallMachine() {
    m = new Machine(MachineConfig.DEFAULT.withRam(512L << 20));
    java.util.List<Long> taken = new java.util.ArrayList<>();
    for (long pfn; (pfn = m.memory().allocate(FrameOwner.KERNEL, true)) >= 0; ) {
      taken.add(pfn);
    }
    java.util.List<Long> kept = new java.util.ArrayList<>();
    for (int i = 0; i < taken.size(); i++) {
      if (i % 2 == 0) {
        m.memory().free(taken.get(i));
      } else {
        kept.add(taken.get(i));
      }
    }
    return kept;
  }

  private long rssFileOfExec() throws Exception {
    Process fresh = new Machine(MachineConfig.DEFAULT).spawn("reader", "/usr/bin/reader");
    return fresh.mm().rssFile();
  }
}
