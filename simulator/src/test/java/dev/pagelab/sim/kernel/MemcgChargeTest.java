package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-folio page-cache charging ({@code mem_cgroup_charge} from {@code filemap_add_folio}): each
 * folio belongs to the group of the task that added it, leaves it with the folio, and memcg reclaim
 * takes only the group's own folios.
 */
class MemcgChargeTest {
  private static final long MIB = 1L << 20;
  private static final long PAGES_PER_MIB = MIB / 4096;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(PressureConfig.of(1024 * MIB, 0));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long file(String group) {
    return m.existingCgroup(group).filePages(m.pageCache());
  }

  @Test
  void twoGroupsWritingHalvesOfOneFileAreEachChargedTheirOwnFolios() throws Exception {
    m.writeInCgroup("a", "/data/shared", 0, 4 * MIB);
    m.writeInCgroup("b", "/data/shared", 4 * MIB, 6 * MIB);
    assertEquals(4 * PAGES_PER_MIB, file("a"));
    assertEquals(6 * PAGES_PER_MIB, file("b"));
    int a = m.existingCgroup("a").id();
    for (Folio f : m.pageCache().folios(m.existingFile("/data/shared"))) {
      assertEquals(f.index() < 4 * PAGES_PER_MIB ? a : m.existingCgroup("b").id(), f.memcg());
    }
  }

  @Test
  void aFolioIsUnchargedWhenItLeavesTheCache() throws Exception {
    m.writeInCgroup("a", "/data/f", 0, 4 * MIB);
    m.writeInCgroup("b", "/data/f", 4 * MIB, 4 * MIB);
    m.truncate("/data/f", 4 * MIB);
    assertEquals(0, file("b"), "truncate uncharges the folios it removes");
    assertEquals(4 * PAGES_PER_MIB, file("a"));
    m.unlink("/data/f");
    assertEquals(0, file("a"));
  }

  @Test
  void theRootCgroupIsNeverCharged() throws Exception {
    m.write("/data/root", 0, 2 * MIB);
    m.writeInCgroup("a", "/data/g", 0, MIB);
    for (Folio f : m.pageCache().folios(m.existingFile("/data/root"))) {
      assertEquals(0, f.memcg());
    }
    assertEquals(PAGES_PER_MIB, file("a"));
  }

  @Test
  void aFaultChargesTheFaultingProcesssGroupAndTheStatFollows() throws Exception {
    m.write("/data/input", 0, 8 * MIB);
    m.sync();
    m.pageCache().dropCaches(1);
    Process p = m.spawn("reader", "/usr/bin/reader");
    m.joinCgroup(p, "r");
    long addr = m.mmap(p, 0, 8 * MIB, Prot.R, false, false, "/data/input", 0);
    for (long off = 0; off < 8 * MIB; off += 4096) {
      assertTrue(m.access(p, addr + off, AccessType.READ));
    }
    MemCgroup c = m.existingCgroup("r");
    long cached = 0;
    for (Folio f : m.pageCache().folios(m.existingFile("/data/input"))) {
      assertEquals(c.id(), f.memcg(), "every folio the fault read in is the reader's group's");
      cached += f.pages();
    }
    assertEquals(cached, c.filePages(m.pageCache()));
    assertEquals(8 * MIB, c.stat("file", m.pageCache(), Machine.STACK_PAGES));
    assertEquals(8 * MIB, c.stat("file_mapped", m.pageCache(), Machine.STACK_PAGES));
    assertEquals(0, c.stat("file_dirty", m.pageCache(), Machine.STACK_PAGES));
    long lists =
        c.stat("active_file", m.pageCache(), Machine.STACK_PAGES)
            + c.stat("inactive_file", m.pageCache(), Machine.STACK_PAGES);
    assertEquals(8 * MIB, lists);
  }

  @Test
  void dirtyAndWritebackFollowTheGroupsFolios() throws Exception {
    m.writeInCgroup("w", "/data/out", 0, 3 * MIB);
    MemCgroup c = m.existingCgroup("w");
    assertEquals(3 * MIB, c.stat("file_dirty", m.pageCache(), Machine.STACK_PAGES));
    m.sync();
    assertEquals(0, c.stat("file_dirty", m.pageCache(), Machine.STACK_PAGES));
    assertEquals(3 * MIB, c.stat("file", m.pageCache(), Machine.STACK_PAGES));
  }

  @Test
  void aReadInALimitedGroupStaysWithinItsLimitAndRecyclesItsOwnCache() throws Exception {
    m.write("/data/big", 0, 64 * MIB);
    m.sync();
    m.pageCache().dropCaches(1);
    m.setMemoryMax("r", 40 * PAGES_PER_MIB); // above the 16 MiB readahead window
    long read = m.readInCgroup("r", "/data/big");
    MemCgroup c = m.existingCgroup("r");
    assertEquals(64 * PAGES_PER_MIB, read, "every page came from the disk once");
    assertTrue(c.usagePages(m.pageCache(), Machine.STACK_PAGES) <= 40 * PAGES_PER_MIB);
    assertTrue(c.filePages(m.pageCache()) > 20 * PAGES_PER_MIB, "the tail of the file stays");
    assertTrue(c.event("max") > 0);
  }

  @Test
  void memcgReclaimTakesOnlyTheGroupsOwnFolios() throws Exception {
    m.writeInCgroup("other", "/data/other", 0, 20 * MIB);
    m.writeInCgroup("small", "/data/first", 0, 20 * MIB);
    m.sync();
    long before = file("other");
    m.setMemoryMax("small", 30 * PAGES_PER_MIB);
    m.writeInCgroup("small", "/data/second", 0, 20 * MIB);
    MemCgroup c = m.existingCgroup("small");
    assertTrue(c.usagePages(m.pageCache(), Machine.STACK_PAGES) <= 30 * PAGES_PER_MIB);
    assertTrue(c.event("max") > 0);
    assertEquals(before, file("other"), "the other group's cache is untouched");
    long firstLeft = m.pageCache().folios(m.existingFile("/data/first")).size();
    assertTrue(firstLeft < 20 * PAGES_PER_MIB, "the group's older clean cache went first");
  }
}
