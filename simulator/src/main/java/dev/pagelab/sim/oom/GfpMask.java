package dev.pagelab.sim.oom;

import java.util.List;

/**
 * An allocation's GFP flags, printed as {@code %#x(%pGg)} prints them. Bit values follow {@code
 * include/linux/gfp_types.h} (6.x, without KASAN_HW_TAGS, LOCKDEP or SLAB_OBJ_EXT); the names and
 * their order follow {@code include/trace/events/mmflags.h __def_gfpflag_names} (6.15 and later:
 * the combinations first, then single bits in bit order); {@code lib/vsprintf.c format_flags}
 * prints each name whose bits are all still set, joined by {@code |}, then any bits left in hex.
 *
 * @param value the mask
 */
public record GfpMask(int value) {
  private static final int DMA = 0x1;
  private static final int HIGHMEM = 0x2;
  private static final int DMA32 = 0x4;
  private static final int MOVABLE = 0x8;
  private static final int HIGH = 0x20;
  private static final int IO = 0x40;
  private static final int FS = 0x80;
  private static final int DIRECT_RECLAIM = 0x400;
  private static final int KSWAPD_RECLAIM = 0x800;
  private static final int RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;
  private static final int NOWARN = 0x2000;
  private static final int COMP = 0x40000;
  private static final int NOMEMALLOC = 0x80000;
  private static final int HARDWALL = 0x100000;
  private static final int ACCOUNT = 0x400000;

  private static final int KERNEL = RECLAIM | IO | FS;
  private static final int USER = KERNEL | HARDWALL;
  private static final int HIGHUSER_MOVABLE = USER | HIGHMEM | MOVABLE;
  private static final int TRANSHUGE_LIGHT =
      (HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NOWARN) & ~RECLAIM;

  /** {@code GFP_KERNEL} (0xcc0): kernel allocations, for example a memcg charge. */
  public static final GfpMask GFP_KERNEL = new GfpMask(KERNEL);

  /** {@code GFP_HIGHUSER_MOVABLE} (0x100cca): user pages, for example a page-cache fault. */
  public static final GfpMask GFP_HIGHUSER_MOVABLE = new GfpMask(HIGHUSER_MOVABLE);

  /** {@code __GFP_COMP}: a compound (large folio) allocation. */
  public static final int GFP_COMP_BIT = COMP;

  private record Name(int mask, String name) {}

  private static final List<Name> NAMES =
      List.of(
          new Name(TRANSHUGE_LIGHT | DIRECT_RECLAIM, "GFP_TRANSHUGE"),
          new Name(TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT"),
          new Name(HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"),
          new Name(USER | HIGHMEM, "GFP_HIGHUSER"),
          new Name(USER, "GFP_USER"),
          new Name(KERNEL | ACCOUNT, "GFP_KERNEL_ACCOUNT"),
          new Name(KERNEL, "GFP_KERNEL"),
          new Name(RECLAIM | IO, "GFP_NOFS"),
          new Name(HIGH | KSWAPD_RECLAIM, "GFP_ATOMIC"),
          new Name(RECLAIM, "GFP_NOIO"),
          new Name(KSWAPD_RECLAIM | NOWARN, "GFP_NOWAIT"),
          new Name(DMA, "GFP_DMA"),
          new Name(DMA32, "GFP_DMA32"),
          new Name(RECLAIM, "__GFP_RECLAIM"),
          new Name(DMA, "__GFP_DMA"),
          new Name(HIGHMEM, "__GFP_HIGHMEM"),
          new Name(DMA32, "__GFP_DMA32"),
          new Name(MOVABLE, "__GFP_MOVABLE"),
          new Name(0x10, "__GFP_RECLAIMABLE"),
          new Name(HIGH, "__GFP_HIGH"),
          new Name(IO, "__GFP_IO"),
          new Name(FS, "__GFP_FS"),
          new Name(0x100, "__GFP_ZERO"),
          new Name(DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"),
          new Name(KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"),
          new Name(0x1000, "__GFP_WRITE"),
          new Name(NOWARN, "__GFP_NOWARN"),
          new Name(0x4000, "__GFP_RETRY_MAYFAIL"),
          new Name(0x8000, "__GFP_NOFAIL"),
          new Name(0x10000, "__GFP_NORETRY"),
          new Name(0x20000, "__GFP_MEMALLOC"),
          new Name(COMP, "__GFP_COMP"),
          new Name(NOMEMALLOC, "__GFP_NOMEMALLOC"),
          new Name(HARDWALL, "__GFP_HARDWALL"),
          new Name(0x200000, "__GFP_THISNODE"),
          new Name(ACCOUNT, "__GFP_ACCOUNT"),
          new Name(0x800000, "__GFP_ZEROTAGS"));

  /**
   * Whether the allocation may call into the file system ({@code __GFP_FS}); a global OOM is not
   * declared for an allocation without it.
   *
   * @return true if {@code __GFP_FS} is set
   */
  public boolean mayUseFs() {
    return (value & FS) != 0;
  }

  /**
   * {@code %#x(%pGg)}, e.g. {@code 0xcc0(GFP_KERNEL)} or {@code
   * 0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)}.
   *
   * @return the text
   */
  public String format() {
    String hex = value == 0 ? "0" : "0x" + Integer.toHexString(value);
    StringBuilder names = new StringBuilder();
    long flags = Integer.toUnsignedLong(value);
    for (int i = 0; i < NAMES.size() && flags != 0; i++) {
      Name n = NAMES.get(i);
      if ((flags & n.mask) != n.mask) {
        continue;
      }
      names.append(n.name);
      flags &= ~n.mask;
      if (flags != 0) {
        names.append('|');
      }
    }
    if (flags != 0) {
      names.append("0x").append(Long.toHexString(flags));
    }
    return hex + "(" + names + ")";
  }
}
