package dev.pagelab.sim.cache;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.FaultContext.FileFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The frames of cached file pages and shared-memory pages, by file and page index. */
public final class PageCache {
  private final PhysicalMemory memory;
  private final Map<FileKey, Entry> files = new HashMap<>();
  private long filePages;
  private long shmemPages;
  private long pagesReadIn;

  /** A file's identity: device and inode. */
  private record FileKey(int devMajor, int devMinor, long inode) {
    static FileKey of(MappedFile f) {
      return new FileKey(f.devMajor(), f.devMinor(), f.inode());
    }
  }

  /** The cached pages of one file and how many mappings use it. */
  private static final class Entry {
    final MappedFile file;
    final TreeMap<Long, Long> pages = new TreeMap<>();
    int mappings;

    Entry(MappedFile file) {
      this.file = file;
    }
  }

  /** Creates an empty cache over {@code memory}. */
  public PageCache(PhysicalMemory memory) {
    this.memory = memory;
  }

  /** Page-cache pages of regular files. */
  public long filePages() {
    return filePages;
  }

  /** Shared-memory pages (meminfo Shmem). */
  public long shmemPages() {
    return shmemPages;
  }

  /** Cached pages that some process maps (meminfo Mapped, {@code NR_FILE_MAPPED}). */
  public long mappedPages() {
    long n = 0;
    for (Entry e : files.values()) {
      for (long pfn : e.pages.values()) {
        n += memory.mapCount(pfn) > 0 ? 1 : 0;
      }
    }
    return n;
  }

  /** Pages read from disk so far (for {@code pgpgin}). */
  public long pagesReadIn() {
    return pagesReadIn;
  }

  /**
   * The frame of page {@code index} of {@code file}, read or allocated if it is not cached.
   *
   * @return the frame and whether the disk was read, or null if no frame is free
   */
  public FileFrame getOrRead(MappedFile file, long index) {
    Entry entry = files.computeIfAbsent(FileKey.of(file), k -> new Entry(file));
    Long cached = entry.pages.get(index);
    if (cached != null) {
      return new FileFrame(cached, false);
    }
    FrameOwner owner = file.shmem() ? FrameOwner.SHMEM : FrameOwner.FILE;
    long pfn = memory.allocate(owner, false);
    if (pfn < 0) {
      return null;
    }
    entry.pages.put(index, pfn);
    if (file.shmem()) {
      shmemPages++;
      return new FileFrame(pfn, false);
    }
    filePages++;
    pagesReadIn++;
    return new FileFrame(pfn, true);
  }

  /**
   * Reads every page of {@code file} into the cache (as {@code read(2)} of the whole file would).
   *
   * @return false if memory ran out on the way
   */
  public boolean readWhole(MappedFile file) {
    long pages = (file.sizeBytes() + 4095) >>> 12;
    for (long index = 0; index < pages; index++) {
      if (getOrRead(file, index) == null) {
        return false;
      }
    }
    return true;
  }

  /** Notes one more mapping of {@code file}. */
  public void attach(MappedFile file) {
    files.computeIfAbsent(FileKey.of(file), k -> new Entry(file)).mappings++;
  }

  /**
   * Notes one mapping of {@code file} less; the pages of an anonymous shared-memory object go with
   * its last mapping.
   */
  public void detach(MappedFile file) {
    FileKey key = FileKey.of(file);
    Entry entry = files.get(key);
    if (entry == null || entry.mappings == 0) {
      throw new IllegalStateException("PageCache.detach: " + file.path() + " is not attached");
    }
    entry.mappings--;
    if (entry.mappings == 0 && file.shmem() && file.path().startsWith("/dev/zero")) {
      for (long pfn : entry.pages.values()) {
        memory.free(pfn);
        shmemPages--;
      }
      files.remove(key);
    }
  }

  /** Checks that every cached frame is owned as the cache says and that the counters match. */
  public void checkInvariants() {
    long file = 0;
    long shmem = 0;
    for (Entry e : files.values()) {
      FrameOwner expected = e.file.shmem() ? FrameOwner.SHMEM : FrameOwner.FILE;
      for (long pfn : e.pages.values()) {
        if (memory.owner(pfn) != expected) {
          throw new IllegalStateException(
              "PageCache.checkInvariants: frame "
                  + pfn
                  + " of "
                  + e.file.path()
                  + " is owned by "
                  + memory.owner(pfn));
        }
      }
      if (e.file.shmem()) {
        shmem += e.pages.size();
      } else {
        file += e.pages.size();
      }
    }
    if (file != filePages || shmem != shmemPages) {
      throw new IllegalStateException(
          "PageCache.checkInvariants: counters file="
              + filePages
              + " shmem="
              + shmemPages
              + " but recount file="
              + file
              + " shmem="
              + shmem);
    }
  }
}
