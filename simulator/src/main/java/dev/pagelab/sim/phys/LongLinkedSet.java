package dev.pagelab.sim.phys;

import java.util.Arrays;

/**
 * A set of longs (frame numbers) that remembers the order they were added in, with O(1) add,
 * remove, contains and take-the-oldest, and no boxing: the nodes of a doubly linked list live in
 * primitive arrays and an open-addressing table finds a value's node. An LRU list, minus the {@code
 * struct list_head} the kernel keeps in {@code struct page}.
 */
public final class LongLinkedSet {
  private static final int NIL = -1;

  private long[] values = new long[16];
  private int[] prev = new int[16];
  private int[] next = new int[16];
  private int[] table = new int[32]; // node + 1, or 0 for an empty slot
  private int head = NIL;
  private int tail = NIL;
  private int freeList = NIL;
  private int used;
  private int size;

  /** The number of values. */
  public int size() {
    return size;
  }

  /** True if {@code value} is in the set. */
  public boolean contains(long value) {
    return table[find(value)] != 0;
  }

  /** Appends {@code value} as the newest; returns false if it was there already. */
  public boolean add(long value) {
    int slot = find(value);
    if (table[slot] != 0) {
      return false;
    }
    int node = allocate();
    values[node] = value;
    prev[node] = tail;
    next[node] = NIL;
    if (tail == NIL) {
      head = node;
    } else {
      next[tail] = node;
    }
    tail = node;
    table[slot] = node + 1;
    size++;
    if (size * 2 > table.length) {
      rehash(table.length * 2);
    }
    return true;
  }

  /** Removes {@code value}; returns false if it was not there. */
  public boolean remove(long value) {
    int slot = find(value);
    int node = table[slot] - 1;
    if (node < 0) {
      return false;
    }
    unlink(node);
    deleteSlot(slot);
    next[node] = freeList;
    freeList = node;
    size--;
    return true;
  }

  /** The oldest value; the set must not be empty. */
  public long oldest() {
    if (head == NIL) {
      throw new IllegalStateException("LongLinkedSet.oldest: the set is empty");
    }
    return values[head];
  }

  /** Removes and returns the oldest value; the set must not be empty. */
  public long removeOldest() {
    long value = oldest();
    remove(value);
    return value;
  }

  /** Every value, oldest first (a copy). */
  public long[] toArray() {
    long[] out = new long[size];
    int i = 0;
    for (int node = head; node != NIL; node = next[node]) {
      out[i++] = values[node];
    }
    return out;
  }

  private int allocate() {
    if (freeList != NIL) {
      int node = freeList;
      freeList = next[node];
      return node;
    }
    if (used == values.length) {
      int capacity = used * 2;
      values = Arrays.copyOf(values, capacity);
      prev = Arrays.copyOf(prev, capacity);
      next = Arrays.copyOf(next, capacity);
    }
    return used++;
  }

  private void unlink(int node) {
    if (prev[node] == NIL) {
      head = next[node];
    } else {
      next[prev[node]] = next[node];
    }
    if (next[node] == NIL) {
      tail = prev[node];
    } else {
      prev[next[node]] = prev[node];
    }
  }

  private static int hash(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The slot holding {@code value}, or the empty slot where it would go. */
  private int find(long value) {
    int mask = table.length - 1;
    for (int i = hash(value) & mask; ; i = (i + 1) & mask) {
      int node = table[i] - 1;
      if (node < 0 || values[node] == value) {
        return i;
      }
    }
  }

  /** Empties a slot, shifting back the entries of its probe run (no tombstones). */
  private void deleteSlot(int slot) {
    int mask = table.length - 1;
    int hole = slot;
    for (int i = (slot + 1) & mask; table[i] != 0; i = (i + 1) & mask) {
      int home = hash(values[table[i] - 1]) & mask;
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        table[hole] = table[i];
        hole = i;
      }
    }
    table[hole] = 0;
  }

  private void rehash(int capacity) {
    table = new int[capacity];
    int mask = capacity - 1;
    for (int node = head; node != NIL; node = next[node]) {
      int i = hash(values[node]) & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = node + 1;
    }
  }
}
