package dev.pagelab.sim.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.pagelab.sim.spi} is the one simulator package a student's code may use, so nothing
 * public in it may do a step of any exercise: it holds contracts (abstract methods the student
 * implements), records, enums and constants. Every other public method is either on {@link
 * #ALLOWED}, an explicit list of pure data methods with the reason each is harmless, or the build
 * fails. Whatever the list says, a method whose name is on an exercise's {@link #FORBIDDEN} list
 * (the steps the exercises ask for, by the names one would give them) fails the build too.
 */
class SpiGivesNoStepAwayTest {
  /**
   * Names no concrete public method of the contracts may have, per exercise: {@code *} matches any
   * characters. Abstract methods (what the student implements, e.g. {@code walk}) are exempt.
   */
  static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "pagewalk",
          List.of(
              "walk*",
              "translate*",
              "index",
              "*Index",
              "entryOffset",
              "entryAddress",
              "isCanonical",
              "canonical*",
              "*Canonical*",
              "userAddressLimit",
              "pteToPhys",
              "pteToPfn",
              "physToPte",
              "isPresent",
              "isLarge",
              "isLeaf",
              "nextTable",
              "reserved*",
              "*Reserved*",
              "allows",
              "permits",
              "accessBits",
              "accessErrorBits",
              "setAccessed*",
              "setDirty*",
              "*AccessedAndDirty*",
              "combine*",
              "effectiveRights"),
          "demandpaging",
          List.of(
              "handle*",
              "accessError",
              "permits",
              "doAnonymousPage",
              "doFault",
              "doReadFault",
              "doCowFault",
              "doSharedFault",
              "doWpPage",
              "wpPage*",
              "*Reuse*",
              "*reuse*",
              "copyOnWrite*",
              "isCow*",
              "*ZeroFill*",
              "zeroFill*",
              "segvCode*",
              "faultOutcome*"),
          "oom",
          List.of(
              "badness",
              "*Badness",
              "oomScore",
              "selectBadProcess",
              "oomEvaluateTask",
              "isBetterVictim",
              "chooseVictim",
              "selectVictim",
              "pickVictim",
              "isUnkillable",
              "unkillable"),
          "thp",
          List.of(
              "allowableOrders",
              "*AllowableOrders",
              "suitableOrder*",
              "*SuitableOrder*",
              "highestOrder*",
              "thpSuitable*",
              "hugepageVmaCheck",
              "*Collapse*",
              "collapse*",
              "mustSplit*",
              "shouldSplit*",
              "needsSplit*"));

  /**
   * The concrete public methods allowed beyond record accessors and enum basics, each a pure
   * function of data that does no step of any exercise, with the reason.
   */
  static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry("Pte.tableName", "the x86 name of a level, for messages"),
          Map.entry("Pte.linuxName", "the Linux name of a level, for messages"),
          Map.entry("Pte.describeFlags", "an entry's flags as text, for messages"),
          Map.entry("Pte.describeErrorCode", "an error code in words, for messages"),
          Map.entry("PageSize.shift", "enum data: log2 of the size"),
          Map.entry("PageSize.bytes", "enum data: the size"),
          Map.entry("PageSize.level", "enum data: the level of a leaf of this size"),
          Map.entry("PageSize.offsetMask", "enum data: the size minus one"),
          Map.entry("PageSize.ofLevel", "lookup of the enum constant by its level"),
          Map.entry("PagingMode.levels", "enum data: 4 or 5"),
          Map.entry("PagingMode.virtualBits", "enum data: 48 or 57"),
          Map.entry("Access.isWrite", "the record's type compared with WRITE"),
          Map.entry("Access.isExecute", "the record's type compared with EXECUTE"),
          Map.entry("VmaInfo.contains", "the record's own range, for the fault handler's checks"),
          Map.entry("SegvCode.value", "enum data: the numeric si_code"));

  private static List<Class<?>> spiClasses() {
    List<Class<?>> classes = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pagelab.sim.spi")) {
      if (c.getPackageName().equals("dev.pagelab.sim.spi") && !c.getSimpleName().isEmpty()) {
        classes.add(c.reflect());
      }
    }
    classes.sort(Comparator.comparing(Class::getName));
    return classes;
  }

  @Test
  void everyPublicMethodOfTheContractsIsDataOrOnTheAllowList() {
    List<Class<?>> classes = spiClasses();
    assertTrue(classes.size() >= 10, "the spi classes were found: " + classes);
    assertEquals(List.of(), problems(classes, ALLOWED), "dev.pagelab.sim.spi must hold data only");
  }

  @Test
  void theAllowListNamesOnlyMethodsThatExist() {
    Set<String> existing = new TreeSet<>();
    for (Class<?> c : spiClasses()) {
      for (Method m : c.getDeclaredMethods()) {
        existing.add(typeName(c) + "." + m.getName());
      }
    }
    Set<String> stale = new TreeSet<>(ALLOWED.keySet());
    stale.removeAll(existing);
    assertEquals(Set.of(), stale, "allow-list entries for methods that are gone: remove them");
  }

  @Test
  void theCheckCatchesAStepAndLogicThatIsNotAllowed() {
    List<String> found = problems(List.of(Leaky.class, LeakyRecord.class), ALLOWED);
    String text = String.join("\n", found);
    assertTrue(text.contains("Leaky.index") && text.contains("pagewalk"), text);
    assertTrue(text.contains("Leaky.badness") && text.contains("exercise oom"), text);
    assertTrue(text.contains("Leaky.mask") && text.contains("not on the allow-list"), text);
    assertTrue(text.contains("Leaky.counter") && text.contains("not a constant"), text);
    assertTrue(text.contains("LeakyRecord.isCanonical"), text);
    assertTrue(text.contains("LeakyRecord.badness"), "a record component with a step's name");
    assertTrue(!text.contains("LeakyRecord.pages"), "a plain record accessor is data: " + text);
    assertTrue(!text.contains("walkIt"), "an abstract method is a contract, not a step: " + text);
  }

  /** Every method or field of {@code classes} that breaks the rules, one line each. */
  static List<String> problems(List<Class<?>> classes, Map<String, String> allowed) {
    List<String> problems = new ArrayList<>();
    for (Class<?> c : classes) {
      for (Method m : c.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
          continue;
        }
        if (Modifier.isAbstract(m.getModifiers())) {
          continue; // a contract the student implements
        }
        String name = typeName(c) + "." + m.getName();
        forbiddenBy(m.getName())
            .ifPresent(
                rule ->
                    problems.add(
                        name + ": its name matches " + rule + ", a step students must write"));
        if (!isData(c, m) && !allowed.containsKey(name)) {
          problems.add(
              name
                  + ": computes something and is not on the allow-list; move it out of"
                  + " dev.pagelab.sim.spi (e.g. to dev.pagelab.sim.paging) or, if it is pure"
                  + " data, add it to SpiGivesNoStepAwayTest.ALLOWED with the reason");
        }
      }
      for (Field f : c.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isPublic(mod) && !(Modifier.isStatic(mod) && Modifier.isFinal(mod))) {
          problems.add(typeName(c) + "." + f.getName() + ": a public field that is not a constant");
        }
      }
    }
    return problems;
  }

  /** Record accessors, enum basics and the Object methods a record or enum declares. */
  private static boolean isData(Class<?> c, Method m) {
    String name = m.getName();
    if (c.isRecord() && m.getParameterCount() == 0) {
      Set<String> components =
          Arrays.stream(c.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.toSet());
      if (components.contains(name)) {
        return true;
      }
    }
    if (c.isEnum() && (name.equals("values") || name.equals("valueOf"))) {
      return true;
    }
    return (c.isRecord() || c.isEnum())
        && (name.equals("equals") || name.equals("hashCode") || name.equals("toString"));
  }

  private static java.util.Optional<String> forbiddenBy(String method) {
    for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(FORBIDDEN).entrySet()) {
      for (String rule : e.getValue()) {
        if (glob(rule).matcher(method).matches()) {
          return java.util.Optional.of("'" + rule + "' of exercise " + e.getKey());
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** A rule as a regular expression: {@code *} matches any characters, the rest literally. */
  private static Pattern glob(String rule) {
    return Pattern.compile(
        Arrays.stream(rule.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  /** {@code WalkResult.Translation} for a nested type, {@code Pte} for a top-level one. */
  private static String typeName(Class<?> c) {
    return c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
  }

  /** A class that leaks steps: the check must find each of them. */
  abstract static class Leaky {
    public static int counter;

    public static int index(long va, int level) {
      return (int) (va >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    public static long badness(long rss) {
      return rss;
    }

    public long mask() {
      return 0xFFF;
    }

    public abstract void walkIt();
  }

  /** A record with one plain accessor, one component named like a step and a helper. */
  record LeakyRecord(long pages, long badness) {
    public boolean isCanonical(long va) {
      return (va << 16) >> 16 == va;
    }
  }
}
