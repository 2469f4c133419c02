package dev.pagelab.sim.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.truth.TruthFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmstatFormatTest {

  @Test
  void sortsCountersIntoTheRealKernelOrder() throws ProcFormatException {
    String real = TruthFiles.read("sar/B_idle.before.vmstat");
    List<VmstatFormat.Entry> entries = VmstatFormat.parse(real, "B_idle.before.vmstat");
    Map<String, Long> unordered = new HashMap<>();
    entries.forEach(e -> unordered.put(e.name(), e.value()));
    assertEquals(real, VmstatFormat.formatInKernelOrder(unordered));
    assertEquals(real, VmstatFormat.format(entries));
    assertEquals(
        entries.stream().map(VmstatFormat.Entry::name).toList(), VmstatFormat.KERNEL_ORDER);
  }

  @Test
  void modeledCountersAreInKernelOrder() {
    int last = -1;
    for (String name : VmstatFormat.MODELED) {
      int at = VmstatFormat.KERNEL_ORDER.indexOf(name);
      assertTrue(at > last, name + " out of kernel order");
      last = at;
    }
  }

  @Test
  void subsetKeepsOrderAndPrintsUnsigned() {
    Map<String, Long> c = new HashMap<>();
    c.put("pgmajfault", 3L);
    c.put("nr_free_pages", 10L);
    c.put("pgfault", -1L);
    assertEquals(
        "nr_free_pages 10\npgfault 18446744073709551615\npgmajfault 3\n",
        VmstatFormat.formatInKernelOrder(c));
  }

  @Test
  void unknownCounterAndBadLineAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> VmstatFormat.formatInKernelOrder(Map.of("pgfaults", 1L)));
    ProcFormatException e =
        assertThrows(
            ProcFormatException.class, () -> VmstatFormat.parse("pgfault 1\npgmajfault x\n", "v"));
    assertEquals("v:2: expected an unsigned number after pgmajfault, got 'x'", e.getMessage());
  }
}
