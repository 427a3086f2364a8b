package io.github.fbtools.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.testing.ModelGens;
import io.github.fbtools.core.testing.Pbt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonObject} and {@link JsonArray}, the value model's map and list, behave as the
 * unmodifiable {@code LinkedHashMap} and {@code ArrayList} they replaced: same answers to every
 * query (small objects searched linearly, larger ones through their hash index), equal to and with
 * the same hash as any equal map or list, and refusing every change, also when empty.
 */
class JsonValueModelProperties {

  private static Map<String, Object> randomMap(SplittableRandom r) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = r.nextInt(4) == 0 ? r.nextInt(200) : r.nextInt(12);
    for (int i = 0; i < n; i++) {
      String key = r.nextInt(4) == 0 ? "k" + r.nextInt(n + 1) : ModelGens.TEXT.next(r);
      m.put(key, r.nextInt(6) == 0 ? null : ModelGens.jsonValue(r, 2));
    }
    return m;
  }

  @Test
  void objectsAnswerAsTheMapTheyCopy() {
    Pbt.forAll(
        "JsonObject = LinkedHashMap",
        JsonValueModelProperties::randomMap,
        expected -> {
          Map<String, Object> actual = FbJson.immutableObject(expected);
          assertTrue(actual instanceof JsonObject);
          assertEquals(expected.size(), actual.size());
          assertEquals(expected.isEmpty(), actual.isEmpty());
          assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
          assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
          assertEquals(expected.toString(), actual.toString());
          assertEquals(expected, actual);
          assertEquals(actual, expected);
          assertEquals(new HashMap<>(expected), actual);
          assertEquals(actual, new HashMap<>(expected));
          assertEquals(expected.hashCode(), actual.hashCode());
          assertEquals(expected.entrySet(), actual.entrySet());
          assertEquals(expected.keySet(), actual.keySet());
          for (String key : expected.keySet()) {
            assertTrue(actual.containsKey(key));
            assertEquals(expected.get(key), actual.get(key));
            assertEquals(expected.getOrDefault(key, "d"), actual.getOrDefault(key, "d"));
          }
          for (Object absent : new Object[] {"absent key", null, 7, new Object()}) {
            assertFalse(actual.containsKey(absent));
            assertEquals(null, actual.get(absent));
          }
          assertEquals(expected.containsValue(null), actual.containsValue(null));
          List<String> order = new ArrayList<>();
          actual.forEach((k, v) -> order.add(k));
          assertEquals(new ArrayList<>(expected.keySet()), order);
          if (!expected.isEmpty()) {
            Map<String, Object> other = new LinkedHashMap<>(expected);
            String first = expected.keySet().iterator().next();
            other.put(first, "changed value");
            assertNotEquals(actual, other);
            other.remove(first);
            assertNotEquals(actual, other);
          }
          assertRefusesChanges(actual);
        });
  }

  private static void assertRefusesChanges(Map<String, Object> m) {
    assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> m.putAll(Map.of("x", 1)));
    assertThrows(UnsupportedOperationException.class, () -> m.remove("x"));
    assertThrows(UnsupportedOperationException.class, m::clear);
    assertThrows(UnsupportedOperationException.class, () -> m.replaceAll((k, v) -> v));
    assertThrows(UnsupportedOperationException.class, () -> m.putIfAbsent("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> m.computeIfAbsent("x", k -> 1));
    assertThrows(UnsupportedOperationException.class, () -> m.merge("x", 1, (a, b) -> b));
    assertThrows(UnsupportedOperationException.class, () -> m.compute("x", (k, v) -> 1));
    assertThrows(UnsupportedOperationException.class, () -> m.computeIfPresent("x", (k, v) -> 1));
    assertThrows(UnsupportedOperationException.class, () -> m.replace("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> m.replace("x", 1, 2));
    assertThrows(UnsupportedOperationException.class, () -> m.remove("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().removeIf(e -> true));
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().removeAll(List.of()));
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().retainAll(List.of()));
    assertThrows(UnsupportedOperationException.class, () -> m.keySet().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.values().clear());
    if (!m.isEmpty()) {
      Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
      Map.Entry<String, Object> first = it.next();
      assertThrows(UnsupportedOperationException.class, () -> first.setValue(1));
      assertThrows(UnsupportedOperationException.class, it::remove);
      assertThrows(UnsupportedOperationException.class, () -> m.remove(first.getKey()));
    }
  }

  @Test
  void arraysAnswerAsTheListTheyCopy() {
    Pbt.forAll(
        "JsonArray = ArrayList",
        r -> {
          List<Object> l = new ArrayList<>();
          for (int i = r.nextInt(20); i > 0; i--) {
            l.add(r.nextInt(5) == 0 ? null : ModelGens.jsonValue(r, 2));
          }
          return l;
        },
        expected -> {
          @SuppressWarnings("unchecked")
          List<Object> actual = (List<Object>) FbJson.immutableCopy(expected);
          assertTrue(actual instanceof JsonArray);
          assertEquals(expected, actual);
          assertEquals(actual, expected);
          assertEquals(expected.hashCode(), actual.hashCode());
          assertEquals(expected.toString(), actual.toString());
          assertEquals(expected.size(), actual.size());
          for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i));
            assertEquals(expected.indexOf(expected.get(i)), actual.indexOf(expected.get(i)));
          }
          assertEquals(expected.contains(null), actual.contains(null));
          assertTrue(java.util.Arrays.equals(expected.toArray(), actual.toArray()));
          assertThrows(IndexOutOfBoundsException.class, () -> actual.get(actual.size()));
          assertThrows(IndexOutOfBoundsException.class, () -> actual.get(-1));
          assertThrows(UnsupportedOperationException.class, () -> actual.add(1));
          assertThrows(UnsupportedOperationException.class, () -> actual.add(0, 1));
          assertThrows(UnsupportedOperationException.class, actual::clear);
          assertThrows(UnsupportedOperationException.class, () -> actual.addAll(List.of(1)));
          assertThrows(UnsupportedOperationException.class, () -> actual.addAll(0, List.of(1)));
          assertThrows(UnsupportedOperationException.class, () -> actual.removeIf(o -> true));
          assertThrows(UnsupportedOperationException.class, () -> actual.removeAll(List.of()));
          assertThrows(UnsupportedOperationException.class, () -> actual.retainAll(List.of()));
          assertThrows(UnsupportedOperationException.class, () -> actual.replaceAll(o -> o));
          assertThrows(UnsupportedOperationException.class, () -> actual.sort(null));
          if (!actual.isEmpty()) {
            assertThrows(UnsupportedOperationException.class, () -> actual.set(0, 1));
            assertThrows(UnsupportedOperationException.class, () -> actual.remove(0));
            Iterator<Object> it = actual.iterator();
            it.next();
            assertThrows(UnsupportedOperationException.class, it::remove);
          }
          assertEquals(Collections.unmodifiableList(expected), actual.subList(0, actual.size()));
        });
  }
}
