package dev.pagelab.sim.phys;

import java.util.Arrays;

/**
 * A set of longs with O(1) add, remove, contains and "take the newest": the items sit in an array
 * in the order they were added (a removal moves the last item into the hole), and an
 * open-addressing table maps each item to its slot. A buddy free list, minus the linked-list
 * pointers the kernel keeps in {@code struct page}.
 */
final class LongIndexSet {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] items = new long[16];
  private int size;
  private long[] keys = new long[32];
  private int[] slots = new int[32];

  LongIndexSet() {
    Arrays.fill(keys, EMPTY);
  }

  /** The number of items. */
  int size() {
    return size;
  }

  /** True if {@code value} is in the set. */
  boolean contains(long value) {
    return find(value) >= 0;
  }

  /** Adds a value that must not be in the set yet. */
  void add(long value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    items[size] = value;
    put(value, size);
    size++;
  }

  /** Removes a value; returns false if it was not there. */
  boolean remove(long value) {
    int at = find(value);
    if (at < 0) {
      return false;
    }
    int slot = slots[at];
    deleteAt(at);
    long last = items[--size];
    if (slot != size) {
      items[slot] = last;
      slots[find(last)] = slot;
    }
    return true;
  }

  /** Removes and returns the most recently added value; the set must not be empty. */
  long takeNewest() {
    long value = items[size - 1];
    remove(value);
    return value;
  }

  private static int hash(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private int find(long value) {
    int mask = keys.length - 1;
    for (int i = hash(value) & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == value) {
        return i;
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  private void put(long value, int slot) {
    int mask = keys.length - 1;
    int i = hash(value) & mask;
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = value;
    slots[i] = slot;
  }

  /**
   * Deletes table position {@code at}, shifting back the entries of its probe run (no tombstones).
   */
  private void deleteAt(int at) {
    int mask = keys.length - 1;
    int hole = at;
    for (int i = (at + 1) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
      int home = hash(keys[i]) & mask;
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        keys[hole] = keys[i];
        slots[hole] = slots[i];
        hole = i;
      }
    }
    keys[hole] = EMPTY;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[capacity];
    slots = new int[capacity];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldSlots[i]);
      }
    }
  }
}
