package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The primitive LRU set behaves like a {@link LinkedHashSet} of the same values. */
class LongLinkedSetTest {
  @Property(tries = 200)
  void behavesLikeALinkedHashSet(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int steps) {
    Random random = new Random(seed);
    LongLinkedSet set = new LongLinkedSet();
    LinkedHashSet<Long> model = new LinkedHashSet<>();
    for (int i = 0; i < steps; i++) {
      long value = random.nextInt(300) * 4099L;
      switch (random.nextInt(4)) {
        case 0, 1 -> assertEquals(model.add(value), set.add(value), "add " + value);
        case 2 -> assertEquals(model.remove(value), set.remove(value), "remove " + value);
        default -> {
          if (!model.isEmpty()) {
            long oldest = model.iterator().next();
            model.remove(oldest);
            assertEquals(oldest, set.removeOldest(), "removeOldest");
          }
        }
      }
      assertEquals(model.size(), set.size());
      assertEquals(model.contains(value), set.contains(value));
    }
    assertArrayEquals(model.stream().mapToLong(Long::longValue).toArray(), set.toArray());
  }
}
