package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files and the page cache through the machine: buffered writes, writeback, the two-touch rule,
 * {@code drop_caches}, truncate and unlink, the flusher and the dirty limits, shared and private
 * writes through a mapping.
 */
class FileSystemTest {
  private static final long MIB = 1L << 20;
  private static final long SEC = 1_000_000_000L;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(MachineConfig.DEFAULT.withRam(1L << 30));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long kb(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  @Test
  void aWriteFillsTheCacheDirtyAndSyncCleansIt() throws SyscallException {
    Map<String, Long> before = ProcFs.meminfoFields(m);
    long out0 = vm("pgpgout");
    long in0 = vm("pgpgin");
    m.write("/tmp/a", 0, 10 * MIB);
    assertEquals(10 * 1024, kb("Cached") - before.get("Cached"), "Cached grows by the file");
    assertEquals(10 * 1024, kb("Inactive(file)") - before.get("Inactive(file)") - kb("Buffers"));
    assertTrue(kb("Buffers") > 0, "the block bitmap and inode table went into Buffers");
    long dirty = kb("Dirty");
    assertEquals(10 * 1024 + kb("Buffers"), dirty, "file and metadata pages are dirty");
    assertTrue(kb("SReclaimable") > before.get("SReclaimable"), "buffer heads, inode, dentry");
    assertEquals(in0, vm("pgpgin"), "nothing was read");
    m.sync();
    assertEquals(0, kb("Dirty"));
    assertEquals(dirty, vm("pgpgout") - out0, "sync wrote every dirty page");
  }

  @Test
  void aSecondReadActivatesThePages() throws SyscallException {
    m.write("/tmp/a", 0, 4 * MIB);
    long active = kb("Active(file)");
    m.read("/tmp/a");
    assertEquals(active, kb("Active(file)"), "the first access only marks the folios referenced");
    m.read("/tmp/a");
    assertEquals(active + 4 * 1024, kb("Active(file)"), "the second access activates them");
  }

  @Test
  void aColdReadGoesToDiskThroughReadahead() throws SyscallException {
    m.file("/data/cold", 8 * MIB);
    long in0 = vm("pgpgin");
    assertEquals(2048, m.read("/data/cold"));
    assertEquals(8 * 1024, vm("pgpgin") - in0);
    assertTrue(m.takeIoWait() > 0, "the disk read took time");
    assertEquals(0, m.read("/data/cold"), "the second read hits the cache");
  }

  @Test
  void dropCachesOneKeepsDirtyAndMappedPages() throws SyscallException {
    m.write("/tmp/dirty", 0, 2 * MIB);
    m.write("/tmp/clean", 0, 3 * MIB);
    m.file("/tmp/mapped", 1 * MIB);
    Process p = m.spawn("map", "/usr/bin/map");
    long at = m.mmap(p, 0, MIB, Prot.R, false, false, "/tmp/mapped", 0);
    for (long off = 0; off < MIB; off += 4096) {
      m.access(p, at + off, AccessType.READ);
    }
    m.sync();
    m.write("/tmp/dirty", 0, 2 * MIB);
    m.sysctl("vm.drop_caches", "1");
    assertEquals(0, pages("/tmp/clean"), "the clean unmapped file went");
    assertEquals(2 * 256, pages("/tmp/dirty"), "dirty pages stay");
    assertEquals(256, pages("/tmp/mapped"), "mapped pages stay");
    assertEquals(0, kb("Buffers"), "clean metadata went too");
    m.exit(p, 0);
  }

  private long pages(String path) {
    long n = 0;
    for (var f : m.pageCache().folios(m.existingFile(path))) {
      n += f.pages();
    }
    return n;
  }

  @Test
  void dropCachesTwoFreesInodesAndDentries() throws SyscallException {
    long slab0 = kb("SReclaimable");
    for (int i = 0; i < 60; i++) {
      m.write("/tmp/f" + i, 0, 4096);
    }
    m.sync();
    long withFiles = kb("SReclaimable");
    assertTrue(withFiles > slab0, "60 inodes and dentries");
    m.sysctl("vm.drop_caches", "2");
    assertEquals(slab0, kb("SReclaimable"), "the inodes, dentries and their pages' buffer heads");
    m.read("/tmp/f7");
    assertTrue(kb("SReclaimable") > slab0, "opening the file reads its inode back");
    m.sysctl("vm.drop_caches", "3");
    assertEquals(slab0, kb("SReclaimable"));
  }

  @Test
  void unlinkFreesThePagesOfAnUnmappedFileAtOnce() throws SyscallException {
    long free0 = kb("MemFree");
    m.write("/tmp/big", 0, 64 * MIB);
    m.unlink("/tmp/big");
    assertEquals(
        free0,
        kb("MemFree") + kb("Buffers"),
        "pages, buffer heads, inode and dentry are all back; the file system's metadata stays");
    assertEquals(
        Errno.ENOENT, assertThrows(SyscallException.class, () -> m.read("/tmp/big")).errno());
  }

  @Test
  void anUnlinkedFileLivesUntilItsLastMappingGoes() throws SyscallException {
    m.write("/tmp/held", 0, MIB);
    Process p = m.spawn("hold", "/usr/bin/hold");
    long at = m.mmap(p, 0, MIB, Prot.R, true, false, "/tmp/held", 0);
    m.access(p, at, AccessType.READ);
    long cached = kb("Cached");
    m.unlink("/tmp/held");
    assertEquals(cached, kb("Cached"), "a mapping keeps the inode and its pages");
    m.munmap(p, at, MIB);
    assertEquals(cached - 1024, kb("Cached"));
    m.exit(p, 0);
  }

  @Test
  void truncateDropsThePagesPastTheEnd() throws SyscallException {
    m.write("/tmp/t", 0, 8 * MIB);
    long cached = kb("Cached");
    m.truncate("/tmp/t", 2 * MIB);
    assertEquals(cached - 6 * 1024, kb("Cached"));
    Process p = m.spawn("map", "/usr/bin/map");
    long at = m.mmap(p, 0, 2 * MIB, Prot.R, true, false, "/tmp/t", 0);
    m.access(p, at + MIB, AccessType.READ);
    SyscallException e = assertThrows(SyscallException.class, () -> m.truncate("/tmp/t", 0));
    assertEquals(Errno.EBUSY, e.errno());
    m.exit(p, 0);
  }

  @Test
  void theFlusherWritesBackInodesOlderThanDirtyExpire() throws SyscallException {
    m.write("/tmp/old", 0, MIB);
    m.advance(29 * SEC);
    assertTrue(kb("Dirty") >= 1024, "not yet expired at 29 s (dirty_expire_centisecs 3000)");
    m.advance(6 * SEC);
    assertEquals(0, kb("Dirty"), "written back by the flusher's pass at 30 s");
    m.sysctl("vm.dirty_writeback_centisecs", "0");
    m.write("/tmp/new", 0, MIB);
    m.advance(60 * SEC);
    assertTrue(kb("Dirty") >= 1024, "no periodic writeback when the interval is 0");
  }

  @Test
  void dirtyLimitsFollowGlobalDirtyableMemory() throws SyscallException {
    long reserve = m.watermarks().totalreservePages();
    long free = kb("MemFree") / 4;
    long file = (kb("Active(file)") + kb("Inactive(file)")) / 4;
    long dirtyable = free - Math.min(free, reserve) + file + 1;
    assertEquals((20 * 4096L / 100) * dirtyable / 4096, vm("nr_dirty_threshold"));
    assertEquals((10 * 4096L / 100) * dirtyable / 4096, vm("nr_dirty_background_threshold"));
    long out0 = vm("pgpgout");
    m.write("/tmp/huge", 0, 400 * MIB);
    assertTrue(kb("Dirty") / 4 <= vm("nr_dirty_threshold"), "the writer was throttled");
    assertTrue(vm("pgpgout") > out0, "by writeback");
    m.advance(5 * SEC);
    assertTrue(
        kb("Dirty") / 4 <= vm("nr_dirty_background_threshold"),
        "the background flusher brings Dirty below dirty_background_ratio");
  }

  @Test
  void sharedWritesDirtyTheCachePrivateWritesCopy() throws SyscallException {
    m.file("/data/f", 4 * MIB);
    Process p = m.spawn("w", "/usr/bin/w");
    long shared = m.mmap(p, 0, 4 * MIB, Prot.RW, true, false, "/data/f", 0);
    long priv = m.mmap(p, 0, 4 * MIB, Prot.RW, false, false, "/data/f", 0);
    long anon0 = p.mm().rssAnon();
    long maj0 = m.counters().pgmajfault();
    m.access(p, priv, AccessType.WRITE);
    assertEquals(1, m.counters().pgmajfault() - maj0, "the cold file was read: a major fault");
    assertEquals(0, kb("Dirty"), "a private write copies the page");
    assertEquals(1, p.mm().rssAnon() - anon0, "one copy-on-write page");
    m.access(p, shared + 8192, AccessType.READ);
    assertEquals(0, kb("Dirty"));
    m.access(p, shared + 8192, AccessType.WRITE);
    assertTrue(kb("Dirty") >= 4, "a shared write dirties the page-cache folio");
    m.exit(p, 0);
  }
}
