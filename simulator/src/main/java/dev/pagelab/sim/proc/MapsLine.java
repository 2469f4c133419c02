package dev.pagelab.sim.proc;

/**
 * One line of {@code /proc/<pid>/maps}, as {@code fs/proc/task_mmu.c show_map_vma} prints it.
 *
 * @param start first address of the area
 * @param end address after the area
 * @param read {@code VM_READ}
 * @param write {@code VM_WRITE}
 * @param exec {@code VM_EXEC}
 * @param shared {@code VM_MAYSHARE} ({@code s}), else private ({@code p})
 * @param offset file offset in bytes ({@code vm_pgoff << PAGE_SHIFT})
 * @param devMajor major number of the file's device, 0 for anonymous memory
 * @param devMinor minor number of the file's device
 * @param inode the file's inode number, 0 for anonymous memory
 * @param name path, {@code [heap]}, {@code [stack]}, {@code [vdso]}..., or empty
 */
public record MapsLine(
    long start,
    long end,
    boolean read,
    boolean write,
    boolean exec,
    boolean shared,
    long offset,
    int devMajor,
    int devMinor,
    long inode,
    String name) {

  /** Column where the name starts: {@code seq_setwidth(m, 25 + sizeof(void *) * 6 - 1)} + 1. */
  public static final int NAME_COLUMN = 73;

  /** Checks {@code start <= end} (unsigned) and a non-null name. */
  public MapsLine {
    if (Long.compareUnsigned(start, end) > 0 || name == null || devMajor < 0 || devMinor < 0) {
      throw new IllegalArgumentException(
          "MapsLine: need start <= end, device numbers >= 0 and a name, got "
              + Long.toHexString(start)
              + "-"
              + Long.toHexString(end)
              + " "
              + name);
    }
  }

  /**
   * The line with its newline: {@code %08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu }, then, if there
   * is a name, spaces up to column 72 ({@code seq_pad}), one space and the name.
   */
  public String format() {
    StringBuilder out = new StringBuilder(96);
    out.append(hex(start, 8)).append('-').append(hex(end, 8)).append(' ');
    out.append(read ? 'r' : '-').append(write ? 'w' : '-').append(exec ? 'x' : '-');
    out.append(shared ? 's' : 'p').append(' ');
    out.append(hex(offset, 8)).append(' ');
    out.append(hex(devMajor, 2)).append(':').append(hex(devMinor, 2)).append(' ');
    out.append(Long.toUnsignedString(inode)).append(' ');
    if (!name.isEmpty()) {
      int padUntil = NAME_COLUMN - 1;
      while (out.length() < padUntil) {
        out.append(' ');
      }
      out.append(' ').append(name);
    }
    return out.append('\n').toString();
  }

  /** {@code seq_put_hex_ll}: lower-case hex, zero-padded to {@code width} digits. */
  private static String hex(long value, int width) {
    String digits = Long.toHexString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
