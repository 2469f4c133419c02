package dev.pagelab.sim.phys;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory zones of one x86-64 NUMA node, as {@code /proc/zoneinfo} lists them: DMA, DMA32,
 * Normal, Movable and Device, always all five (an empty zone still has watermarks and a {@code
 * protection} column).
 *
 * <p>{@link #x86_64(long)} builds the layout a QEMU or Firecracker guest gets. The BIOS data area
 * and the legacy hole keep page frame 0 and frames {@code 0x9f..0xff} out of RAM; RAM below 3 GiB
 * is mapped from physical address 0, the rest starts at 4 GiB (the 3–4 GiB PCI hole). ZONE_DMA
 * covers frames below 16 MiB, ZONE_DMA32 frames below 4 GiB, ZONE_NORMAL the rest ({@code
 * arch/x86/mm/init.c zone_sizes_init}); zone spans are clipped to the node's first and last frame
 * as {@code mm/mm_init.c calculate_node_totalpages} does.
 *
 * <p>Managed pages are present pages minus what the kernel keeps at boot. The model (calibrated on
 * the 24 GiB truth machine, where it gives MemTotal 24684092 kB exactly):
 *
 * <ul>
 *   <li>DMA: every present frame below 1 MiB ({@code arch/x86/kernel/setup.c} reserves the first
 *       megabyte);
 *   <li>DMA32: the kernel image, loaded at 16 MiB: {@value #KERNEL_IMAGE_PAGES} pages for text,
 *       data, bss, brk and the early page tables;
 *   <li>the highest populated zone (memblock allocates top-down): the memory map, 64 bytes of
 *       {@code struct page} per frame for each 128 MiB section holding RAM ({@code
 *       mm/sparse-vmemmap.c}), the dentry and inode hash tables ({@code mm/mm_init.c
 *       alloc_large_system_hash}, scales 13 and 14, 8-byte buckets) and {@value #OTHER_BOOT_PAGES}
 *       pages of smaller boot-time allocations.
 * </ul>
 *
 * <p>The truth machine boots with {@code deferred_init=lazy}, so its Normal zone's {@code managed}
 * grows as memory is first used; {@link #withManagedPages} builds such a snapshot.
 *
 * @param zones the five zones in kernel order (DMA first)
 */
public record ZoneLayout(List<Zone> zones) {

  /** Bytes in a base page. */
  public static final long PAGE_SIZE = 4096;

  /** Pages of the kernel image and its early allocations, charged to ZONE_DMA32. */
  public static final long KERNEL_IMAGE_PAGES = 9419;

  /** Pages of small boot-time memblock allocations, charged to the highest populated zone. */
  public static final long OTHER_BOOT_PAGES = 166;

  private static final long PAGES_PER_SECTION = 32768; // 128 MiB sections (SECTION_SIZE_BITS 27)
  private static final long STRUCT_PAGE_BYTES = 64;
  private static final long DMA_END_PFN = 4096; // 16 MiB
  private static final long DMA32_END_PFN = 1L << 20; // 4 GiB
  private static final long LOW_RAM_LIMIT_PFN = 786432; // 3 GiB: start of the PCI hole
  private static final long LEGACY_HOLE_START_PFN = 0x9f;
  private static final long LEGACY_HOLE_END_PFN = 0x100;
  private static final long MIN_RAM_BYTES = 64L << 20;

  /** The kernel's zone types on x86-64, in {@code enum zone_type} order. */
  public enum ZoneType {
    /** ZONE_DMA: frames below 16 MiB, for ISA devices. */
    DMA("DMA"),
    /** ZONE_DMA32: frames below 4 GiB, for 32-bit DMA devices. */
    DMA32("DMA32"),
    /** ZONE_NORMAL: everything else. */
    NORMAL("Normal"),
    /** ZONE_MOVABLE: only movable allocations (empty unless kernelcore= or movablecore=). */
    MOVABLE("Movable"),
    /**
     * ZONE_DEVICE: device memory (persistent memory, GPU), never managed by the buddy allocator.
     */
    DEVICE("Device");

    private final String procName;

    ZoneType(String procName) {
      this.procName = procName;
    }

    /** The name {@code /proc/zoneinfo} and the kernel log print for this zone. */
    public String procName() {
      return procName;
    }
  }

  /**
   * One zone.
   *
   * @param type which zone
   * @param startPfn first page frame the zone spans (0 for an empty zone)
   * @param spannedPages frames from the first to the last, holes included
   * @param presentPages frames that are RAM
   * @param managedPages frames handed to the buddy allocator
   */
  public record Zone(
      ZoneType type, long startPfn, long spannedPages, long presentPages, long managedPages) {
    /** Checks {@code 0 <= managed <= present <= spanned}. */
    public Zone {
      if (type == null
          || startPfn < 0
          || managedPages < 0
          || managedPages > presentPages
          || presentPages > spannedPages) {
        throw new IllegalArgumentException(
            "Zone: need 0 <= managed <= present <= spanned, got "
                + type
                + " start "
                + startPfn
                + " spanned "
                + spannedPages
                + " present "
                + presentPages
                + " managed "
                + managedPages);
      }
    }

    /** True if the zone has present pages ({@code populated_zone}). */
    public boolean populated() {
      return presentPages > 0;
    }
  }

  /** Checks there is one zone per type, in kernel order. */
  public ZoneLayout {
    zones = List.copyOf(zones);
    ZoneType[] types = ZoneType.values();
    if (zones.size() != types.length) {
      throw new IllegalArgumentException(
          "ZoneLayout: need " + types.length + " zones, got " + zones.size());
    }
    for (int i = 0; i < types.length; i++) {
      if (zones.get(i).type() != types[i]) {
        throw new IllegalArgumentException(
            "ZoneLayout: zone " + i + " must be " + types[i] + ", got " + zones.get(i).type());
      }
    }
  }

  /**
   * The zones of an x86-64 guest with {@code ramBytes} of RAM (see the class comment for the
   * model).
   *
   * @param ramBytes RAM size, a multiple of 4 KiB and at least 64 MiB
   */
  public static ZoneLayout x86_64(long ramBytes) {
    if (ramBytes < MIN_RAM_BYTES || ramBytes % PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "x86_64: RAM must be a multiple of 4 KiB and at least 64 MiB, got " + ramBytes);
    }
    long ramPages = ramBytes / PAGE_SIZE;
    long lowEnd = Math.min(ramPages, LOW_RAM_LIMIT_PFN); // RAM frames [0, lowEnd) minus holes
    long highPages = ramPages - lowEnd; // RAM frames from 4 GiB on
    long nodeEnd = highPages > 0 ? DMA32_END_PFN + highPages : lowEnd;
    long belowOneMib = LEGACY_HOLE_START_PFN - 1; // frames 1..0x9e
    long dmaPresent = belowOneMib + (DMA_END_PFN - LEGACY_HOLE_END_PFN);
    long dma32Present = lowEnd - DMA_END_PFN;
    long dma32End = Math.min(DMA32_END_PFN, nodeEnd);

    long[] present = {dmaPresent, dma32Present, highPages};
    long[] reserved = {belowOneMib, KERNEL_IMAGE_PAGES, 0};
    int top = highPages > 0 ? 2 : 1;
    reserved[top] += bootAllocationPages(lowEnd, highPages, dmaPresent + dma32Present + highPages);

    List<Zone> zones = new ArrayList<>();
    zones.add(new Zone(ZoneType.DMA, 1, DMA_END_PFN - 1, present[0], present[0] - reserved[0]));
    zones.add(
        new Zone(
            ZoneType.DMA32,
            DMA_END_PFN,
            dma32End - DMA_END_PFN,
            present[1],
            checkedManaged(present[1], reserved[1])));
    zones.add(
        highPages > 0
            ? new Zone(
                ZoneType.NORMAL,
                DMA32_END_PFN,
                highPages,
                highPages,
                checkedManaged(highPages, reserved[2]))
            : new Zone(ZoneType.NORMAL, 0, 0, 0, 0));
    zones.add(new Zone(ZoneType.MOVABLE, 0, 0, 0, 0));
    zones.add(new Zone(ZoneType.DEVICE, 0, 0, 0, 0));
    return new ZoneLayout(zones);
  }

  /** Memory map, hash tables and small allocations that memblock takes from the top zone. */
  private static long bootAllocationPages(long lowEnd, long highPages, long presentPages) {
    long sections = ceilDiv(lowEnd, PAGES_PER_SECTION) + ceilDiv(highPages, PAGES_PER_SECTION);
    long memmap = sections * PAGES_PER_SECTION * STRUCT_PAGE_BYTES / PAGE_SIZE;
    long kernelPages = presentPages - memmap;
    long dentryHash = largeSystemHashPages(kernelPages, presentPages, 13);
    long inodeHash = largeSystemHashPages(kernelPages, presentPages, 14);
    return memmap + dentryHash + inodeHash + OTHER_BOOT_PAGES;
  }

  /**
   * Pages of a boot-time hash table of 8-byte buckets, as {@code alloc_large_system_hash} sizes it
   * when the caller passes no entry count: one bucket per {@code 2^scale} bytes of low memory,
   * rounded up to a power of two, at most 1/16 of memory.
   */
  static long largeSystemHashPages(long nrKernelPages, long nrAllPages, int scale) {
    long bucketSize = 8;
    long entries = ceilDiv(nrKernelPages, 256) * 256; // round up to a whole MiB
    for (long adapt = 64L << 30 >> 12; adapt < entries; adapt <<= 2) {
      scale++; // ADAPT_SCALE: the table only doubles when memory quadruples past 64 GiB
    }
    entries >>= (scale - 12);
    entries = entries <= 1 ? 1 : Long.highestOneBit(entries - 1) << 1; // roundup_pow_of_two
    long max = (nrAllPages * PAGE_SIZE >> 4) / bucketSize;
    entries = Math.min(entries, Math.min(max, 0x80000000L));
    long log2 = 63 - Long.numberOfLeadingZeros(entries);
    return Math.max(1, (bucketSize << log2) / PAGE_SIZE);
  }

  private static long checkedManaged(long present, long reserved) {
    if (reserved > present) {
      throw new IllegalArgumentException(
          "x86_64: boot reservations (" + reserved + " pages) exceed the zone (" + present + ")");
    }
    return present - reserved;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The zone of the given type. */
  public Zone zone(ZoneType type) {
    return zones.get(type.ordinal());
  }

  /** Sum of managed pages over all zones ({@code totalram_pages}, MemTotal in pages). */
  public long totalManagedPages() {
    return zones.stream().mapToLong(Zone::managedPages).sum();
  }

  /** Sum of present pages over all zones. */
  public long totalPresentPages() {
    return zones.stream().mapToLong(Zone::presentPages).sum();
  }

  /** A copy with one zone's managed pages replaced (a deferred-init snapshot, or a test input). */
  public ZoneLayout withManagedPages(ZoneType type, long managedPages) {
    List<Zone> copy = new ArrayList<>(zones);
    Zone z = zone(type);
    copy.set(
        type.ordinal(),
        new Zone(type, z.startPfn(), z.spannedPages(), z.presentPages(), managedPages));
    return new ZoneLayout(copy);
  }
}
