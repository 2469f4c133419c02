package dev.pagelab.grader.core.check;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Resolves a member use to the class that declares it, as the JVM does: the class named, its
 * superclasses, then (for an interface, {@code Object} and then) the superinterfaces. Own classes
 * come from the submission's class files; the JDK's and the libraries' are looked up by reflection
 * in a class loader over the libraries, without initialising (so running) anything.
 */
final class Hierarchy implements AutoCloseable {
  private final Map<String, ClassInfo> own;
  private final URLClassLoader libraries;
  private final Map<String, Optional<ClassInfo>> cache = new HashMap<>();

  /**
   * A member resolved.
   *
   * @param declaring the class that declares it
   * @param judged the class whose policy line decides: the declaring class, or the last public
   *     class on the way to it when the declaring class cannot be named
   */
  record Resolved(ClassInfo declaring, ClassInfo judged) {}

  Hierarchy(Map<String, ClassInfo> own, List<Path> libraryPaths) {
    this.own = own;
    List<URL> urls = new ArrayList<>();
    for (Path p : libraryPaths) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Hierarchy: bad library path " + p, e);
      }
    }
    this.libraries =
        new URLClassLoader(
            "pagelab-policy", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /** The class, own or external, if it can be found. */
  Optional<ClassInfo> info(String name) {
    if (name == null) {
      return Optional.empty();
    }
    ClassInfo mine = own.get(name);
    if (mine != null) {
      return Optional.of(mine);
    }
    return cache.computeIfAbsent(name, this::load);
  }

  /** True if the class is the submission's. */
  boolean isOwn(String name) {
    return own.containsKey(name);
  }

  /** Resolves a field or method (not a constructor) used through {@code owner}. */
  Optional<Resolved> resolve(String owner, String member, String descriptor, boolean field) {
    Optional<ClassInfo> start = info(owner);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    ClassInfo lastPublic = null;
    List<ClassInfo> chain = new ArrayList<>();
    for (ClassInfo k = start.get(); k != null; k = info(k.superName()).orElse(null)) {
      if (k.declares(member, descriptor, field)) {
        return Optional.of(new Resolved(k, k.isPublic() || lastPublic == null ? k : lastPublic));
      }
      if (k.isPublic()) {
        lastPublic = k;
      }
      chain.add(k);
    }
    if (start.get().isInterface() && !field) {
      Optional<ClassInfo> object = info("java.lang.Object");
      if (object.isPresent() && object.get().declares(member, descriptor, false)) {
        return Optional.of(new Resolved(object.get(), object.get()));
      }
    }
    Deque<String> queue = new ArrayDeque<>();
    chain.forEach(k -> queue.addAll(k.interfaces()));
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      String name = queue.removeFirst();
      Optional<ClassInfo> i = info(name);
      if (!seen.add(name) || i.isEmpty()) {
        continue;
      }
      if (i.get().declares(member, descriptor, field)) {
        ClassInfo judged = i.get().isPublic() || lastPublic == null ? i.get() : lastPublic;
        return Optional.of(new Resolved(i.get(), judged));
      }
      queue.addAll(i.get().interfaces());
    }
    return Optional.empty();
  }

  /** True if the class (own excluded) has a field or method of that name, inherited or declared. */
  boolean hasMember(String className, String member) {
    try {
      for (Class<?> k = Class.forName(className, false, libraries);
          k != null;
          k = k.getSuperclass()) {
        for (Method m : k.getDeclaredMethods()) {
          if (m.getName().equals(member)) {
            return true;
          }
        }
        for (Field f : k.getDeclaredFields()) {
          if (f.getName().equals(member)) {
            return true;
          }
        }
        for (Class<?> i : k.getInterfaces()) {
          if (hasMember(i.getName(), member)) {
            return true;
          }
        }
      }
      return false;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private Optional<ClassInfo> load(String name) {
    try {
      return Optional.of(new Reflected(Class.forName(name, false, libraries)));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      libraries.close();
    } catch (IOException e) {
      // Nothing was written; the jars are closed as far as they can be.
    }
  }

  /** A class of the JDK or a library, seen through reflection. */
  private static final class Reflected implements ClassInfo {
    private final Class<?> c;

    Reflected(Class<?> c) {
      this.c = c;
    }

    @Override
    public String name() {
      return c.getName();
    }

    @Override
    public String superName() {
      return c.getSuperclass() == null ? null : c.getSuperclass().getName();
    }

    @Override
    public List<String> interfaces() {
      List<String> names = new ArrayList<>();
      for (Class<?> i : c.getInterfaces()) {
        names.add(i.getName());
      }
      return names;
    }

    @Override
    public boolean isInterface() {
      return c.isInterface();
    }

    @Override
    public boolean isPublic() {
      return Modifier.isPublic(c.getModifiers());
    }

    @Override
    public boolean declares(String member, String descriptor, boolean field) {
      try {
        if (field) {
          for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals(member)) {
              return true;
            }
          }
          return false;
        }
        String params = ClassInfo.parameters(descriptor);
        if (member.equals("<init>")) {
          for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (ClassInfo.parameters(Type.getConstructorDescriptor(k)).equals(params)) {
              return true;
            }
          }
          return false;
        }
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(member)
              && ClassInfo.parameters(Type.getMethodDescriptor(m)).equals(params)) {
            return true;
          }
        }
        return false;
      } catch (LinkageError e) {
        return false;
      }
    }
  }
}
