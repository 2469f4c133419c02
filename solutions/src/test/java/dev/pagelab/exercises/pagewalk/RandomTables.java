package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random page tables made from a seed: a tree of tables below one root, with mappings of every page
 * size whose addresses share upper indices, random rights, Accessed and Dirty bits, ignored bits,
 * and now and then a cleared P, a reserved bit or a PS where it is reserved. Tables sit below 16
 * MiB ({@link Differential#newTable}) and leaf frames above 4 GiB, so no entry points back into the
 * tables (no cycles).
 */
final class RandomTables {
  private static final long LEAF_BASE = 1L << 32;
  private static final long[] OPTIONAL_FLAGS = {
    Pte.PTE_RW, Pte.PTE_US, Pte.PTE_A, Pte.PTE_D, Pte.PTE_PWT, Pte.PTE_PCD, Pte.PTE_G
  };

  private final Random random;
  private final Differential twin;
  private final Map<Long, Long> childTable = new HashMap<>(); // entry address -> table below
  private final List<Long> mapped = new ArrayList<>();

  private RandomTables(long seed, PagingMode mode, PageTableWalker walker) {
    this.random = new Random(seed);
    this.twin = new Differential(walker, mode);
  }

  /** Builds {@code mappings} random mappings in both copies of {@code twin}. */
  static RandomTables generate(long seed, PagingMode mode, PageTableWalker walker, int mappings) {
    RandomTables t = new RandomTables(seed, mode, walker);
    for (int i = 0; i < mappings; i++) {
      t.mapOne();
    }
    return t;
  }

  Differential twin() {
    return twin;
  }

  /** The generator's random source, to draw the probes after the tables. */
  Random random() {
    return random;
  }

  /**
   * A probe address: mostly a mapped address with a new offset, sometimes a neighbour (one index
   * changed), a random canonical address, or a non-canonical one.
   */
  long probeAddress() {
    int kind = random.nextInt(20);
    long base = mapped.get(random.nextInt(mapped.size()));
    if (kind < 12) {
      return base ^ (random.nextLong() & (PageSize.SIZE_1G.bytes() - 1) & randomOffsetMask());
    }
    if (kind < 16) {
      int level = 1 + random.nextInt(twin.mode().levels());
      long delta = (long) (1 + random.nextInt(3)) << (12 + 9 * (level - 1));
      return canonical(base ^ delta);
    }
    if (kind < 18) {
      return canonical(random.nextLong());
    }
    return nonCanonical();
  }

  /** One of the six accesses: read, write or fetch, from user or supervisor mode. */
  Access probeAccess() {
    return new Access(AccessType.values()[random.nextInt(3)], random.nextInt(4) != 0);
  }

  private long randomOffsetMask() {
    return switch (random.nextInt(3)) {
          case 0 -> PageSize.SIZE_4K.offsetMask();
          case 1 -> PageSize.SIZE_2M.offsetMask();
          default -> PageSize.SIZE_1G.offsetMask();
        }
        & ~7L;
  }

  /** Adds one mapping: reuses the tables an earlier mapping made, creates the rest. */
  private void mapOne() {
    PagingMode mode = twin.mode();
    long va = mapped.isEmpty() || random.nextInt(3) == 0 ? canonical(random.nextLong()) : near();
    int leafLevel = random.nextInt(10) < 6 ? 1 : random.nextInt(10) < 6 ? 2 : 3;
    long table = twin.root();
    for (int level = mode.levels(); level >= leafLevel; level--) {
      long address = table + X86Paging.entryOffset(va, level);
      Long below = childTable.get(address);
      if (below != null) {
        table = below;
        continue;
      }
      if (twin.peek(address) != 0) {
        break; // a leaf of an earlier mapping (or a spoiled entry) is already here
      }
      if (level == leafLevel) {
        twin.poke(address, spoil(leaf(level), level));
      } else {
        long next = twin.newTable();
        childTable.put(address, next);
        twin.poke(address, spoil(X86Paging.physToPte(next) | flags() | ignoredBits(), level));
        table = next;
      }
    }
    mapped.add(va);
  }

  /** An address that shares the upper indices of an earlier mapping. */
  private long near() {
    long base = mapped.get(random.nextInt(mapped.size()));
    int keepAbove = 1 + random.nextInt(twin.mode().levels());
    long lowMask = (1L << (12 + 9 * (keepAbove - 1))) - 1;
    return canonical((base & ~lowMask) | (random.nextLong() & lowMask));
  }

  private long leaf(int level) {
    PageSize size = PageSize.ofLevel(level);
    long frame = (LEAF_BASE + (random.nextLong() & Pte.PTE_ADDR_MASK)) & Pte.PTE_ADDR_MASK;
    long entry = (frame & ~size.offsetMask()) | flags() | ignoredBits();
    if (level == 1) {
      return entry | (random.nextBoolean() ? Pte.PTE_PS : 0); // bit 7 of a PTE is PAT
    }
    entry |= Pte.PTE_PS;
    if (random.nextInt(4) == 0) {
      entry |= 1L << 12; // PAT of a large leaf: allowed, not part of the frame
    }
    if (random.nextInt(15) == 0) {
      entry |= 1L << (13 + random.nextInt(level == 2 ? 8 : 17)); // a reserved address bit
    }
    return entry;
  }

  /** Now and then: P cleared, a reserved high bit, or PS in a PML4/PML5 entry. */
  private long spoil(long entry, int level) {
    int r = random.nextInt(60);
    if (r == 0) {
      return entry & ~Pte.PTE_P;
    }
    if (r == 1) {
      return entry | 1L << (Pte.PHYS_ADDR_BITS + random.nextInt(6));
    }
    if (r == 2 && level >= 4) {
      return entry | Pte.PTE_PS;
    }
    return entry;
  }

  /** P, each optional flag with probability 3/4, NX with probability 1/4. */
  private long flags() {
    long flags = Pte.PTE_P;
    for (long flag : OPTIONAL_FLAGS) {
      if (random.nextInt(4) != 0) {
        flags |= flag;
      }
    }
    return random.nextInt(4) == 0 ? flags | Pte.PTE_NX : flags;
  }

  /** Bits 11..9 and 62..52, which the walk ignores, sometimes set. */
  private long ignoredBits() {
    if (random.nextInt(3) != 0) {
      return 0;
    }
    return random.nextLong() & (0x0E00L | 0x7FF0_0000_0000_0000L);
  }

  private long canonical(long va) {
    int shift = 64 - twin.mode().virtualBits();
    return (va << shift) >> shift;
  }

  private long nonCanonical() {
    long va = random.nextLong();
    return X86Paging.isCanonical(va, twin.mode()) ? va ^ Long.MIN_VALUE : va;
  }
}
