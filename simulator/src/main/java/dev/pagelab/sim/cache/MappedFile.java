package dev.pagelab.sim.cache;

import java.util.Objects;

/**
 * A file as a mapping sees it.
 *
 * @param path the path maps prints
 * @param inode the inode number maps prints
 * @param devMajor the device's major number
 * @param devMinor the device's minor number
 * @param sizeBytes the file's size
 * @param shmem the file lives in shared memory (tmpfs, or {@code /dev/zero (deleted)} behind a
 *     shared anonymous mapping): its pages are zero-filled, never read from disk, and count as
 *     Shmem
 */
public record MappedFile(
    String path, long inode, int devMajor, int devMinor, long sizeBytes, boolean shmem) {
  /** Checks the path. */
  public MappedFile {
    Objects.requireNonNull(path, "path");
  }

  /** The object behind a shared anonymous mapping, as {@code shmem_zero_setup} makes it. */
  public static MappedFile sharedAnonymous(long inode, long sizeBytes) {
    return new MappedFile("/dev/zero (deleted)", inode, 0, 1, sizeBytes, true);
  }
}
