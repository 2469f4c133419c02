package dev.pagelab.sim.phys;

import dev.pagelab.sim.spi.PhysicalMemoryView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated RAM: every frame's owner and map count, the contents of the frames that hold data (page
 * tables), and one buddy allocator per zone.
 *
 * <p>Per-frame state lives in sections of {@value #SECTION_FRAMES} frames (128 MiB), created when a
 * frame in them is first allocated; an untouched section is all free. So a 64 GiB machine costs
 * nothing until it is used. Frames that were never written read as zero.
 */
public final class PhysicalMemory implements PhysicalMemoryView {
  /** log2 of the frames per section. */
  public static final int SECTION_SHIFT = 15;

  /** Frames per section. */
  public static final int SECTION_FRAMES = 1 << SECTION_SHIFT;

  private static final int SECTION_MASK = SECTION_FRAMES - 1;
  private static final int PAGE_SHIFT = 12;

  private final List<ZoneRange> zoneRanges;
  private final BuddyAllocator[] zones;
  private final long[] zoneMinFree;
  private final Section[] sections;
  private final long[] ownerPages = new long[FrameOwner.values().length];
  private final long maxPfn;
  private final long[] zoneAllocations;
  private long frees;
  private final HashMap<Long, Integer> pins = new HashMap<>();
  private long isolatedFree;
  private long unpins;

  /** Per-frame state of one section. */
  private static final class Section {
    final byte[] owner = new byte[SECTION_FRAMES];
    final int[] mapCount = new int[SECTION_FRAMES];
    final long[][] contents = new long[SECTION_FRAMES][];
    final long[] zeroFilled = new long[SECTION_FRAMES / Long.SIZE];
  }

  /**
   * Creates RAM made of the given zones, lowest first. Allocation prefers the highest zone, as the
   * kernel's zonelist does for user pages.
   */
  public PhysicalMemory(List<ZoneRange> zoneRanges) {
    if (zoneRanges.isEmpty()) {
      throw new IllegalArgumentException("PhysicalMemory: no zones");
    }
    this.zoneRanges = List.copyOf(zoneRanges);
    this.zones = new BuddyAllocator[zoneRanges.size()];
    this.zoneMinFree = new long[zoneRanges.size()];
    this.zoneAllocations = new long[zoneRanges.size()];
    long highest = 0;
    for (int i = 0; i < zones.length; i++) {
      ZoneRange z = zoneRanges.get(i);
      zones[i] = new BuddyAllocator(z.startPfn(), z.endPfn());
      highest = Math.max(highest, z.endPfn());
      ownerPages[FrameOwner.FREE.ordinal()] += z.frames();
    }
    this.maxPfn = highest;
    this.sections = new Section[(int) ((highest + SECTION_MASK) >>> SECTION_SHIFT)];
  }

  /** The frame number after the highest frame of RAM. */
  public long maxPfn() {
    return maxPfn;
  }

  /** The zones, lowest first. */
  public List<ZoneRange> zoneRanges() {
    return zoneRanges;
  }

  /** The buddy allocator of zone {@code i} (0 = lowest). */
  public BuddyAllocator zone(int i) {
    return zones[i];
  }

  /**
   * Sets how many frames a zone keeps free for the kernel (its min watermark): user allocations
   * that would go below it fail.
   */
  public void setZoneMinFree(int zone, long pages) {
    zoneMinFree[zone] = pages;
  }

  /** The frames zone {@code zone} keeps free for the kernel (its min watermark). */
  public long zoneMinFree(int zone) {
    return zoneMinFree[zone];
  }

  /** Frames managed by the allocators (MemTotal in pages). */
  public long managedPages() {
    long total = 0;
    for (ZoneRange z : zoneRanges) {
      total += z.frames();
    }
    return total;
  }

  /** Free frames (MemFree in pages). */
  public long freePages() {
    return ownerPages[FrameOwner.FREE.ordinal()];
  }

  /** Frames with the given owner. */
  public long pages(FrameOwner owner) {
    return ownerPages[owner.ordinal()];
  }

  /** Frames per owner, for reports. */
  public Map<FrameOwner, Long> pagesByOwner() {
    Map<FrameOwner, Long> map = new EnumMap<>(FrameOwner.class);
    for (FrameOwner o : FrameOwner.values()) {
      map.put(o, ownerPages[o.ordinal()]);
    }
    return map;
  }

  /**
   * Allocates one frame for {@code owner}, from the highest zone that stays above its min
   * watermark.
   *
   * @param kernel true for a kernel allocation, which may dip below the watermarks
   * @return the frame number, or -1 if none is free
   */
  public long allocate(FrameOwner owner, boolean kernel) {
    return allocate(0, owner, kernel);
  }

  /** Allocates {@code 2^order} contiguous frames for {@code owner}; -1 if no block is free. */
  public long allocate(int order, FrameOwner owner, boolean kernel) {
    if (owner == FrameOwner.FREE) {
      throw new IllegalArgumentException("PhysicalMemory.allocate: owner FREE");
    }
    for (int i = zones.length - 1; i >= 0; i--) {
      BuddyAllocator zone = zones[i];
      if (!kernel && zone.freePages() - (1L << order) < zoneMinFree[i]) {
        continue;
      }
      long pfn = zone.allocate(order, MigrateType.of(owner));
      if (pfn >= 0) {
        zoneAllocations[i] += 1L << order;
        setOwners(pfn, 1 << order, owner);
        return pfn;
      }
    }
    return -1;
  }

  /**
   * Frees a frame allocated with {@link #allocate(FrameOwner, boolean)}; its contents are dropped.
   */
  public void free(long pfn) {
    free(pfn, 0);
  }

  /** Frees {@code 2^order} frames allocated together. */
  public void free(long pfn, int order) {
    // A buddy block (order <= 10) never crosses a section: one section lookup serves it all.
    Section s = section(pfn, "free");
    int first = (int) (pfn & SECTION_MASK);
    for (int i = first; i < first + (1 << order); i++) {
      long f = pfn + i - first;
      if (s.owner[i] == FrameOwner.FREE.ordinal()) {
        throw new IllegalStateException("PhysicalMemory.free: frame " + f + " is already free");
      }
      if (s.mapCount[i] != 0) {
        throw new IllegalStateException(
            "PhysicalMemory.free: frame " + f + " is still mapped " + s.mapCount[i] + " times");
      }
      s.contents[i] = null;
      s.zeroFilled[i >>> 6] &= ~(1L << i);
      if (!pins.isEmpty()) {
        pins.remove(f);
      }
      ownerPages[s.owner[i]]--;
      s.owner[i] = (byte) FrameOwner.FREE.ordinal();
    }
    ownerPages[FrameOwner.FREE.ordinal()] += 1L << order;
    zoneOf(pfn).free(pfn, order);
    frees += 1L << order;
  }

  /**
   * Allocates {@code frames} contiguous frames aligned to {@code frames} (a power of two above the
   * largest buddy order) from free memory only, as {@code alloc_contig_pages} does for a gigantic
   * page when no page in the range needs migrating. The zone must stay above its min watermark.
   *
   * @return the first frame, or -1 if no such range is wholly free
   */
  public long allocateContiguous(long frames, FrameOwner owner) {
    long block = 1L << BuddyAllocator.MAX_ORDER;
    if (Long.bitCount(frames) != 1 || frames < block || owner == FrameOwner.FREE) {
      throw new IllegalArgumentException("PhysicalMemory.allocateContiguous: " + frames);
    }
    for (int i = zones.length - 1; i >= 0; i--) {
      BuddyAllocator zone = zones[i];
      if (zone.freePages() - frames < zoneMinFree[i]) {
        continue;
      }
      long first = (zone.startPfn() + frames - 1) & ~(frames - 1);
      for (long pfn = first; pfn + frames <= zone.endPfn(); pfn += frames) {
        if (wholeRangeFree(zone, pfn, frames, block)) {
          for (long b = pfn; b < pfn + frames; b += block) {
            zone.takeBlock(b, BuddyAllocator.MAX_ORDER);
          }
          zoneAllocations[i] += frames;
          for (long f = pfn; f < pfn + frames; f++) {
            setOwner(f, owner);
          }
          return pfn;
        }
      }
    }
    return -1;
  }

  private static boolean wholeRangeFree(BuddyAllocator zone, long pfn, long frames, long block) {
    for (long b = pfn; b < pfn + frames; b += block) {
      if (!zone.isFreeBlock(b, BuddyAllocator.MAX_ORDER)) {
        return false;
      }
    }
    return true;
  }

  /** Frees a range from {@link #allocateContiguous}, block by block ({@code free_contig_range}). */
  public void freeContiguous(long pfn, long frames) {
    for (long b = pfn; b < pfn + frames; b += 1L << BuddyAllocator.MAX_ORDER) {
      free(b, BuddyAllocator.MAX_ORDER);
    }
  }

  /** Frames allocated from zone {@code i} so far ({@code pgalloc_<zone>}). */
  public long allocations(int zone) {
    return zoneAllocations[zone];
  }

  /** Frames freed so far ({@code pgfree}). */
  public long frees() {
    return frees;
  }

  /** The owner of a frame. */
  public FrameOwner owner(long pfn) {
    Section s = sectionOrNull(pfn);
    return s == null ? FrameOwner.FREE : FrameOwner.ofOrdinal(s.owner[(int) (pfn & SECTION_MASK)]);
  }

  /** How many page-table entries map a data frame. */
  public int mapCount(long pfn) {
    Section s = sectionOrNull(pfn);
    return s == null ? 0 : s.mapCount[(int) (pfn & SECTION_MASK)];
  }

  /** Adds {@code delta} to a frame's map count and returns the new count. */
  public int addMapCount(long pfn, int delta) {
    Section s = section(pfn, "addMapCount");
    int i = (int) (pfn & SECTION_MASK);
    int count = s.mapCount[i] + delta;
    if (count < 0) {
      throw new IllegalStateException("PhysicalMemory.addMapCount: frame " + pfn + " below zero");
    }
    s.mapCount[i] = count;
    return count;
  }

  /**
   * The 512 entries of a page-table frame, created zeroed on first use. The array is the frame's
   * memory: writes to it are writes to RAM.
   */
  public long[] table(long pfn) {
    Section s = section(pfn, "table");
    int i = (int) (pfn & SECTION_MASK);
    long[] words = s.contents[i];
    if (words == null) {
      words = new long[512];
      s.contents[i] = words;
    }
    return words;
  }

  /** Copies the contents (if any) and the all-zero state of one frame into another. */
  public void copyContents(long fromPfn, long toPfn) {
    Section from = section(fromPfn, "copyContents");
    long[] words = from.contents[(int) (fromPfn & SECTION_MASK)];
    section(toPfn, "copyContents").contents[(int) (toPfn & SECTION_MASK)] =
        words == null ? null : words.clone();
    setZeroFilled(toPfn, isZeroFilled(fromPfn));
  }

  /**
   * True if a data frame is known to hold only zero bytes: a new anonymous page the kernel
   * zero-filled and no write stored anything but zeros in since. {@code swap_writeout}
   * (mm/page_io.c, {@code is_folio_zero_filled}) looks at this to skip the write of such a page.
   * Free frames and frames nobody marked are not known to be zero.
   */
  public boolean isZeroFilled(long pfn) {
    Section s = sectionOrNull(pfn);
    int i = (int) (pfn & SECTION_MASK);
    return s != null && (s.zeroFilled[i >>> 6] & (1L << i)) != 0;
  }

  /**
   * Records whether a data frame holds only zero bytes (see {@link #isZeroFilled}).
   *
   * @param pfn an allocated frame
   * @param zero true if every byte of the frame is zero
   */
  public void setZeroFilled(long pfn, boolean zero) {
    Section s = section(pfn, "setZeroFilled");
    int i = (int) (pfn & SECTION_MASK);
    if (zero) {
      s.zeroFilled[i >>> 6] |= 1L << i;
    } else {
      s.zeroFilled[i >>> 6] &= ~(1L << i);
    }
  }

  @Override
  public long readLong(long physicalAddress) {
    long pfn = checkAddress(physicalAddress, "readLong");
    Section s = sectionOrNull(pfn);
    if (s == null) {
      return 0;
    }
    long[] words = s.contents[(int) (pfn & SECTION_MASK)];
    return words == null ? 0 : words[(int) ((physicalAddress >>> 3) & 511)];
  }

  @Override
  public void writeLong(long physicalAddress, long value) {
    long pfn = checkAddress(physicalAddress, "writeLong");
    table(pfn)[(int) ((physicalAddress >>> 3) & 511)] = value;
  }

  // ---------------------------------------------------------------- pins and compaction

  /**
   * Pins an allocated frame ({@code pin_user_pages} with {@code FOLL_LONGTERM}): it cannot be
   * migrated until unpinned. In this model a pin also ends when its frame is freed (the driver that
   * holds it lets go when the page is unmapped).
   */
  public void pin(long pfn) {
    if (owner(pfn) == FrameOwner.FREE) {
      throw new IllegalStateException("PhysicalMemory.pin: frame " + pfn + " is free");
    }
    pins.merge(pfn, 1, Integer::sum);
  }

  /** Drops one pin of a frame ({@code unpin_user_page}); false if it had none. */
  public boolean unpin(long pfn) {
    Integer n = pins.get(pfn);
    if (n == null) {
      return false;
    }
    unpins++;
    if (n == 1) {
      pins.remove(pfn);
    } else {
      pins.put(pfn, n - 1);
    }
    return true;
  }

  /** Pins dropped so far (a change stamp for compaction: a page may have become movable). */
  public long unpins() {
    return unpins;
  }

  /** The pins on a frame. */
  public int pinCount(long pfn) {
    return pins.getOrDefault(pfn, 0);
  }

  /** Frames with at least one pin. */
  public long pinnedPages() {
    return pins.size();
  }

  /**
   * True if the frame holds a user page compaction may move: anonymous, page cache or shared memory
   * ({@link MigrateType#MOVABLE}), and not pinned.
   */
  public boolean isMovable(long pfn) {
    FrameOwner o = owner(pfn);
    return o != FrameOwner.FREE
        && MigrateType.of(o) == MigrateType.MOVABLE
        && (pins.isEmpty() || !pins.containsKey(pfn));
  }

  /** The index of the zone holding {@code pfn}, or -1. */
  public int zoneIndexOf(long pfn) {
    return zoneIndexOrMinus(pfn);
  }

  /**
   * Takes the free block starting at {@code pfn} off the buddy lists for compaction ({@code
   * isolate_freepages_block}); its frames stay FREE but are on no list until {@link #claimIsolated}
   * or {@link #releaseIsolated}.
   *
   * @return the number of frames isolated
   */
  public long isolateFreeBlock(long pfn) {
    long n = 1L << zoneOf(pfn).isolateFreeBlock(pfn);
    isolatedFree += n;
    return n;
  }

  /** An isolated free frame becomes the migration target of a page of {@code owner}. */
  public void claimIsolated(long pfn, FrameOwner owner) {
    if (isolatedFree == 0 || owner(pfn) != FrameOwner.FREE || owner == FrameOwner.FREE) {
      throw new IllegalStateException(
          "PhysicalMemory.claimIsolated: frame " + pfn + " for " + owner);
    }
    isolatedFree--;
    setOwner(pfn, owner);
  }

  /** Puts an isolated free frame that was not used back on the buddy lists. */
  public void releaseIsolated(long pfn) {
    if (isolatedFree == 0 || owner(pfn) != FrameOwner.FREE) {
      throw new IllegalStateException("PhysicalMemory.releaseIsolated: frame " + pfn);
    }
    isolatedFree--;
    zoneOf(pfn).free(pfn, 0);
  }

  /**
   * Moves a frame's map count and contents to another frame (the copy step of {@code
   * migrate_folio}); the caller fixes the entries that map it.
   */
  public void moveFrameState(long fromPfn, long toPfn) {
    int count = mapCount(fromPfn);
    copyContents(fromPfn, toPfn);
    section(fromPfn, "moveFrameState").contents[(int) (fromPfn & SECTION_MASK)] = null;
    setZeroFilled(fromPfn, false);
    if (count != 0) {
      addMapCount(toPfn, count);
      addMapCount(fromPfn, -count);
    }
  }

  /** Recounts every section and checks the owner counts and the allocators agree. */
  public void checkInvariants() {
    long[] counted = new long[ownerPages.length];
    long untouched = 0;
    for (int si = 0; si < sections.length; si++) {
      Section s = sections[si];
      if (s == null) {
        untouched += framesInSection(si);
        continue;
      }
      for (int i = 0; i < SECTION_FRAMES; i++) {
        long pfn = ((long) si << SECTION_SHIFT) + i;
        if (zoneIndexOrMinus(pfn) >= 0) {
          counted[s.owner[i]]++;
        }
      }
    }
    counted[FrameOwner.FREE.ordinal()] += untouched;
    long buddyFree = 0;
    for (BuddyAllocator z : zones) {
      buddyFree += z.freePages();
    }
    for (FrameOwner o : FrameOwner.values()) {
      if (counted[o.ordinal()] != ownerPages[o.ordinal()]) {
        throw new IllegalStateException(
            "PhysicalMemory.checkInvariants: "
                + o
                + " counter "
                + ownerPages[o.ordinal()]
                + " but a recount finds "
                + counted[o.ordinal()]);
      }
    }
    for (long pfn : pins.keySet()) {
      if (owner(pfn) == FrameOwner.FREE) {
        throw new IllegalStateException(
            "PhysicalMemory.checkInvariants: free frame " + pfn + " is pinned");
      }
    }
    if (isolatedFree != 0) {
      throw new IllegalStateException(
          "PhysicalMemory.checkInvariants: " + isolatedFree + " free frames still isolated");
    }
    if (buddyFree != ownerPages[FrameOwner.FREE.ordinal()]) {
      throw new IllegalStateException(
          "PhysicalMemory.checkInvariants: buddy lists hold "
              + buddyFree
              + " free frames, owners say "
              + ownerPages[FrameOwner.FREE.ordinal()]);
    }
  }

  /** Frames of section {@code si} that belong to a zone. */
  private long framesInSection(int si) {
    long lo = (long) si << SECTION_SHIFT;
    long hi = lo + SECTION_FRAMES;
    long n = 0;
    for (ZoneRange z : zoneRanges) {
      n += Math.max(0, Math.min(hi, z.endPfn()) - Math.max(lo, z.startPfn()));
    }
    return n;
  }

  /** The zones in which frames were allocated, and their frame counts, for reports. */
  public List<String> describeZones() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < zones.length; i++) {
      ZoneRange z = zoneRanges.get(i);
      lines.add(z.name() + " " + z.frames() + " frames, " + zones[i].freePages() + " free");
    }
    return lines;
  }

  /**
   * Gives {@code n} free frames of one buddy block (which never crosses a section) to {@code
   * owner}: one section lookup and one fill, not {@code n}.
   */
  private void setOwners(long pfn, int n, FrameOwner owner) {
    if (n == 1) {
      setOwner(pfn, owner);
      return;
    }
    Section s = section(pfn, "setOwners");
    int i = (int) (pfn & SECTION_MASK);
    java.util.Arrays.fill(s.owner, i, i + n, (byte) owner.ordinal());
    ownerPages[FrameOwner.FREE.ordinal()] -= n;
    ownerPages[owner.ordinal()] += n;
  }

  private void setOwner(long pfn, FrameOwner owner) {
    Section s = section(pfn, "setOwner");
    int i = (int) (pfn & SECTION_MASK);
    ownerPages[s.owner[i]]--;
    s.owner[i] = (byte) owner.ordinal();
    ownerPages[owner.ordinal()]++;
  }

  private BuddyAllocator zoneOf(long pfn) {
    int i = zoneIndexOrMinus(pfn);
    if (i < 0) {
      throw new IllegalStateException("PhysicalMemory: frame " + pfn + " is in no zone");
    }
    return zones[i];
  }

  private int zoneIndexOrMinus(long pfn) {
    for (int i = 0; i < zones.length; i++) {
      if (zones[i].contains(pfn)) {
        return i;
      }
    }
    return -1;
  }

  private Section sectionOrNull(long pfn) {
    int si = (int) (pfn >>> SECTION_SHIFT);
    return si < sections.length ? sections[si] : null;
  }

  private Section section(long pfn, String method) {
    int si = (int) (pfn >>> SECTION_SHIFT);
    if (pfn < 0 || si >= sections.length) {
      throw new IllegalArgumentException("PhysicalMemory." + method + ": no frame " + pfn);
    }
    Section s = sections[si];
    if (s == null) {
      s = new Section();
      sections[si] = s;
    }
    return s;
  }

  private long checkAddress(long physicalAddress, String method) {
    if ((physicalAddress & 7) != 0) {
      throw new IllegalArgumentException(
          "PhysicalMemory."
              + method
              + ": unaligned address 0x"
              + Long.toHexString(physicalAddress));
    }
    long pfn = physicalAddress >>> PAGE_SHIFT;
    if (physicalAddress < 0 || pfn >= maxPfn) {
      throw new IllegalArgumentException(
          "PhysicalMemory."
              + method
              + ": address 0x"
              + Long.toHexString(physicalAddress)
              + " is outside RAM");
    }
    return pfn;
  }
}
