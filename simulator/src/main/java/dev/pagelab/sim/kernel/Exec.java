package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Layout;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What {@code execve} and the dynamic loader leave in a new address space: the program's ELF
 * segments at {@code ELF_ET_DYN_BASE}, {@code ld-linux-x86-64.so.2}, {@code [vvar]} and {@code
 * [vdso]}, and {@code libc.so.6} with its bss, and the loader's anonymous TLS area below it, each
 * placed top-down below {@code mmap_base} as on a Debian 12 (glibc 2.36) system with randomization
 * off. The first page of each area is touched, as starting a program does.
 */
final class Exec {
  /**
   * One ELF segment or special mapping.
   *
   * @param offset its offset in the file (and from the image start)
   * @param size its size in bytes
   * @param prot its protection
   * @param fromFile the segment maps the file; else it is anonymous (a bss, or a special mapping)
   * @param name for a mapping with no file: its maps name ({@code [vvar]}, {@code [vdso]}, or
   *     empty)
   */
  record Segment(long offset, long size, Prot prot, boolean fromFile, String name) {
    Segment(long offset, long size, Prot prot) {
      this(offset, size, prot, true, "");
    }
  }

  static final String LD_SO = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
  static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";

  /** The anonymous area the loader allocates below libc for the main thread's TLS. */
  static final long TLS_BYTES = 0x3000;

  /** The size of a program file. */
  static final long PROGRAM_BYTES = 0x5000;

  private static final List<Segment> PROGRAM =
      List.of(
          new Segment(0, 0x1000, Prot.R),
          new Segment(0x1000, 0x1000, Prot.RX),
          new Segment(0x2000, 0x1000, Prot.R),
          new Segment(0x3000, 0x2000, Prot.RW));

  private static final List<Segment> LD =
      List.of(
          new Segment(0, 0x1000, Prot.R),
          new Segment(0x1000, 0x28000, Prot.RX),
          new Segment(0x29000, 0xb000, Prot.R),
          new Segment(0x34000, 0x2000, Prot.RW));

  private static final List<Segment> VDSO =
      List.of(
          new Segment(0, 0x4000, Prot.R, false, "[vvar]"),
          new Segment(0x4000, 0x2000, Prot.RX, false, "[vdso]"));

  private static final List<Segment> LIBC_SEGMENTS =
      List.of(
          new Segment(0, 0x26000, Prot.R),
          new Segment(0x26000, 0x155000, Prot.RX),
          new Segment(0x17b000, 0x55000, Prot.R),
          new Segment(0x1d0000, 0x4000, Prot.R),
          new Segment(0x1d4000, 0x2000, Prot.RW),
          new Segment(0x1d6000, 0xd000, Prot.RW, false, ""));

  private Exec() {}

  /**
   * Lays out a new program in {@code mm}.
   *
   * @param exe the program file
   * @param files the machine's files by path
   * @return the address of the program's text segment
   */
  static long load(AddressSpace mm, MappedFile exe, BiFunction<String, Long, MappedFile> files)
      throws SyscallException {
    long base = Layout.elfBase();
    mapImage(mm, base, PROGRAM, exe);
    mm.setStartBrk(base + 0x5000);
    mapImage(mm, reserve(mm, 0x36000), LD, files.apply(LD_SO, 0x36000L));
    mapImage(mm, reserve(mm, 0x6000), VDSO, null);
    mapImage(mm, reserve(mm, 0x1e3000), LIBC_SEGMENTS, files.apply(LIBC, 0x1d6000L));
    mm.mmap(0, TLS_BYTES, Prot.RW, false, false, null, 0, "");
    mm.mapInitialStack();
    return base + 0x1000;
  }

  /** The pages a starting program touches: the first of each segment, written if writable. */
  static void touchStartup(Machine machine, Process p) {
    for (var vma : List.copyOf(p.mm().vmas())) {
      if (vma.name().equals("[vvar]") || vma.name().equals("[vdso]") || vma.growsDown()) {
        continue;
      }
      AccessType type =
          vma.prot().write()
              ? AccessType.WRITE
              : vma.prot().exec() ? AccessType.EXECUTE : AccessType.READ;
      machine.access(p, vma.start(), type);
    }
  }

  private static long reserve(AddressSpace mm, long length) throws SyscallException {
    long at = mm.mmap(0, length, Prot.NONE, false, false, null, 0, "");
    mm.munmap(at, length);
    return at;
  }

  private static void mapImage(AddressSpace mm, long base, List<Segment> segments, MappedFile file)
      throws SyscallException {
    for (Segment s : segments) {
      MappedFile backing = s.fromFile() ? file : null;
      long offset = s.fromFile() ? s.offset() : 0;
      mm.mmap(base + s.offset(), s.size(), s.prot(), false, true, backing, offset, s.name());
    }
  }
}
