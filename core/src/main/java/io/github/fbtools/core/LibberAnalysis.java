package io.github.fbtools.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link Libber#analyze()} found: the problems that substitution itself never reports,
 * because the reference's semantics leave them silent.
 *
 * <ul>
 *   <li>{@link #cycles()}: references that lead back to themselves. Substitution does not fail on
 *       them; it stops at the depth limit and leaves a literal reference in the output. For each
 *       strongly connected group of keys, one shortest cycle through its first key (in code point
 *       order) is given, as a chain that starts and ends with that key: {@code [a, a]} for a
 *       self-reference, {@code [a, b, a]} for {@code a → b → a}. {@link #cyclicKeys()} lists
 *       every key that lies on some cycle.
 *   <li>{@link #undefinedReferences()}: for each key whose value references keys that do not
 *       exist, those names (distinct, in order of appearance). They stay in the output as
 *       written.
 *   <li>{@link #unmatchableKeys()}: keys that no reference can ever match, because they are
 *       empty or hold a char outside ASCII {@code [a-z0-9_]} (upper case, dash, space, non-ASCII),
 *       which {@link Libber#of} and {@link Libber#fromJson} keep as given.
 * </ul>
 *
 * <p>References are found with the Libber's own delimiter and matching rules. The analysis is
 * structural: it does not depend on {@link Libber#maxDepth()} (with a depth limit of 0 or 1, no
 * value is ever expanded, cycles included). Keys are in code point order throughout.
 *
 * <pre>{@code
 * LibberAnalysis a = Libber.of(Map.of("a", "%b%", "b", "%a% %zz%", "Hair", "red")).analyze();
 * a.cycles();               // [[a, b, a]]
 * a.undefinedReferences();  // {b=[zz]}
 * a.unmatchableKeys();      // [Hair]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param cycles one shortest cycle per strongly connected group of keys, each as a key chain
 *     that ends with its first key
 * @param cyclicKeys every key that lies on a cycle
 * @param undefinedReferences for each key, the undefined names its value references
 * @param unmatchableKeys keys that no reference can match
 */
public record LibberAnalysis(
    List<List<String>> cycles,
    List<String> cyclicKeys,
    Map<String, List<String>> undefinedReferences,
    List<String> unmatchableKeys) {

  /**
   * Creates an analysis, copying every collection.
   *
   * @param cycles cycles, each a key chain ending with its first key
   * @param cyclicKeys keys that lie on a cycle
   * @param undefinedReferences undefined names referenced, per key
   * @param unmatchableKeys keys that no reference can match
   */
  public LibberAnalysis {
    ImmutableList.Builder<List<String>> c = ImmutableList.builder();
    for (List<String> cycle : cycles) {
      c.add(ImmutableList.copyOf(cycle));
    }
    cycles = c.build();
    cyclicKeys = ImmutableList.copyOf(cyclicKeys);
    ImmutableMap.Builder<String, List<String>> u = ImmutableMap.builder();
    for (Map.Entry<String, List<String>> e : undefinedReferences.entrySet()) {
      u.put(e.getKey(), ImmutableList.copyOf(e.getValue()));
    }
    undefinedReferences = u.buildOrThrow();
    unmatchableKeys = ImmutableList.copyOf(unmatchableKeys);
  }

  /**
   * Returns whether nothing was found.
   *
   * @return true when there are no cycles, undefined references or unmatchable keys
   */
  public boolean isClean() {
    return cycles.isEmpty() && undefinedReferences.isEmpty() && unmatchableKeys.isEmpty();
  }

  /** Analyses a Libber's map with its compiled engine. */
  static LibberAnalysis of(Map<String, String> libs, LibberEngine engine) {
    // Undefined references, in every value (also values of unmatchable keys).
    TreeMap<String, List<String>> undefined = new TreeMap<>(PythonText.CODE_POINT_ORDER);
    List<String> unmatchable = new ArrayList<>();
    for (Map.Entry<String, String> e : libs.entrySet()) {
      if (!LibberScanner.isMatchableKey(e.getKey())) {
        unmatchable.add(e.getKey());
      }
      String v = e.getValue();
      Set<String> names = null;
      LibberScanner.Cursor c = engine.scanner.cursor(v);
      while (c.next()) {
        if (engine.table.find(v, c.keyStart, c.keyEnd) < 0) {
          if (names == null) {
            names = new LinkedHashSet<>();
          }
          names.add(v.substring(c.keyStart, c.keyEnd));
        }
      }
      if (names != null) {
        undefined.put(e.getKey(), ImmutableList.copyOf(names));
      }
    }
    unmatchable.sort(PythonText.CODE_POINT_ORDER);

    int n = engine.names.length;
    int[][] edges = new int[n][];
    for (int k = 0; k < n; k++) {
      int[] r = engine.refs[k];
      int[] out = new int[r.length / 3];
      for (int i = 0; i < out.length; i++) {
        out[i] = r[i * 3 + 2];
      }
      edges[k] = out;
    }
    int[] component = stronglyConnectedComponents(edges);
    // Group members per component.
    TreeMap<String, List<String>> cyclesByFirst = new TreeMap<>(PythonText.CODE_POINT_ORDER);
    List<String> cyclic = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      while (members.size() <= component[k]) {
        members.add(new ArrayList<>());
      }
      members.get(component[k]).add(k);
    }
    for (List<Integer> group : members) {
      int first = group.get(0);
      boolean cyclicGroup = group.size() > 1 || contains(edges[first], first);
      if (!cyclicGroup) {
        continue;
      }
      for (int k : group) {
        cyclic.add(engine.names[k]);
        if (PythonText.CODE_POINT_ORDER.compare(engine.names[k], engine.names[first]) < 0) {
          first = k;
        }
      }
      List<String> chain = new ArrayList<>();
      for (int k : shortestCycle(edges, component, first)) {
        chain.add(engine.names[k]);
      }
      cyclesByFirst.put(engine.names[first], chain);
    }
    cyclic.sort(PythonText.CODE_POINT_ORDER);
    return new LibberAnalysis(
        new ArrayList<>(cyclesByFirst.values()), cyclic, undefined, unmatchable);
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** Tarjan's algorithm with an explicit stack; returns each node's component number. */
  private static int[] stronglyConnectedComponents(int[][] edges) {
    int n = edges.length;
    int[] index = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(index, -1);
    int[] stack = new int[n];
    int sp = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int next = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int csp = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      index[root] = low[root] = next++;
      stack[sp++] = root;
      onStack[root] = true;
      while (csp >= 0) {
        int v = callNode[csp];
        if (callEdge[csp] < edges[v].length) {
          int w = edges[v][callEdge[csp]++];
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            stack[sp++] = w;
            onStack[w] = true;
            csp++;
            callNode[csp] = w;
            callEdge[csp] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          if (low[v] == index[v]) {
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
              component[w] = components;
            } while (w != v);
            components++;
          }
          csp--;
          if (csp >= 0) {
            int parent = callNode[csp];
            low[parent] = Math.min(low[parent], low[v]);
          }
        }
      }
    }
    return component;
  }

  /** The shortest path from {@code start} back to itself within its component, as node list. */
  private static List<Integer> shortestCycle(int[][] edges, int[] component, int start) {
    int n = edges.length;
    int[] parent = new int[n];
    Arrays.fill(parent, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    int last = -1;
    while (!queue.isEmpty() && last < 0) {
      int v = queue.poll();
      for (int w : edges[v]) {
        if (w == start) {
          last = v;
          break;
        }
        if (component[w] == component[start] && parent[w] < 0 && w != start) {
          parent[w] = v;
          queue.add(w);
        }
      }
    }
    ArrayDeque<Integer> path = new ArrayDeque<>();
    path.addFirst(start);
    for (int v = last; v != start; v = parent[v]) {
      path.addFirst(v);
    }
    path.addFirst(start);
    return new ArrayList<>(path);
  }
}
