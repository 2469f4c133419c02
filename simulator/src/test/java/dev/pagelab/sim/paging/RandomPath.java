package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import java.util.Random;

/**
 * Test-only: one random path of page tables for one random address, made from a seed. Each entry on
 * the path gets random flags (P nearly always), sometimes a reserved bit, and the path ends in a 4
 * KiB, 2 MiB or 1 GiB leaf.
 */
final class RandomPath {
  private static final long[] OPTIONAL_FLAGS = {
    Pte.PTE_RW, Pte.PTE_US, Pte.PTE_NX, Pte.PTE_A, Pte.PTE_D, Pte.PTE_PWT, Pte.PTE_PCD, Pte.PTE_G
  };

  final TableBuilder tables;
  final long va;
  final Access access;
  final int leafLevel;
  private final long[] entryAddresses; // by level

  private RandomPath(
      TableBuilder tables, long va, Access access, int leafLevel, long[] entryAddresses) {
    this.tables = tables;
    this.va = va;
    this.access = access;
    this.leafLevel = leafLevel;
    this.entryAddresses = entryAddresses;
  }

  static RandomPath of(long seed) {
    Random random = new Random(seed);
    PagingMode mode = random.nextBoolean() ? PagingMode.FOUR_LEVEL : PagingMode.FIVE_LEVEL;
    TableBuilder tables = new TableBuilder(new SparseMemory(), mode);
    long va = randomCanonical(random, mode);
    int leafLevel = 1 + random.nextInt(3);
    long[] entryAddresses = new long[mode.levels() + 1];
    long table = tables.root();
    for (int level = mode.levels(); level >= leafLevel; level--) {
      long address = table + X86Paging.entryOffset(va, level);
      entryAddresses[level] = address;
      long entry = randomFlags(random);
      if (level == leafLevel) {
        entry = leaf(random, level, entry);
      } else {
        table = tables.newTable();
        entry |= X86Paging.physToPte(table);
      }
      if (level != leafLevel && random.nextInt(40) == 0) {
        entry |= Pte.PTE_PS; // sometimes a large leaf above the planned one
      }
      if (random.nextInt(30) == 0) {
        entry |= 1L << (Pte.PHYS_ADDR_BITS + random.nextInt(6)); // reserved bits 51..46
      }
      if (random.nextInt(25) == 0) {
        entry &= ~Pte.PTE_P;
      }
      tables.memory().poke(address, entry);
    }
    AccessType type = AccessType.values()[random.nextInt(3)];
    Access access = new Access(type, random.nextBoolean());
    return new RandomPath(tables, va, access, leafLevel, entryAddresses);
  }

  /** The entry at {@code level} on the path, as it is in memory now. */
  long entry(int level) {
    return tables.memory().readLong(entryAddresses[level]);
  }

  private static long leaf(Random random, int level, long entry) {
    PageSize size = PageSize.ofLevel(level);
    long frame = (random.nextLong() & Pte.PTE_ADDR_MASK) & ~size.offsetMask();
    long value = (entry & ~Pte.PTE_ADDR_MASK) | frame | Pte.PTE_P;
    if (size != PageSize.SIZE_4K) {
      value |= Pte.PTE_PS;
      if (random.nextInt(4) == 0) {
        value |= 1L << (12 + random.nextInt(level == 2 ? 9 : 18)); // PAT or a reserved bit
      }
    }
    return value;
  }

  private static long randomFlags(Random random) {
    long flags = Pte.PTE_P;
    for (long flag : OPTIONAL_FLAGS) {
      if (random.nextInt(4) != 0) {
        flags |= flag == Pte.PTE_NX ? (random.nextInt(3) == 0 ? flag : 0) : flag;
      }
    }
    return flags;
  }

  static long randomCanonical(Random random, PagingMode mode) {
    int shift = Long.SIZE - mode.virtualBits();
    return (random.nextLong() << shift) >> shift;
  }
}
