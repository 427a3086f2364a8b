package io.github.fbtools.core.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * A JSON object of {@link FbJson}'s value model: an unmodifiable, insertion-ordered map from
 * strings to JSON values (null values allowed) whose values are themselves deeply immutable. Keys
 * and values sit in two arrays; objects of more than {@value #LINEAR_MAX} keys also get an
 * open-addressing hash index. Because every instance is deeply immutable, {@link
 * FbJson#immutableCopy} returns it as it is instead of copying it.
 *
 * <p>Built only by {@link Builder}, which refuses a key given twice. Immutable and thread-safe.
 */
final class JsonObject extends AbstractMap<String, Object> {
  /** Objects with at most this many keys are searched linearly. */
  static final int LINEAR_MAX = 8;

  static final JsonObject EMPTY = new JsonObject(new String[0], new Object[0], 0, null);

  private final String[] keys;
  private final @Nullable Object[] values;
  private final int size;
  /** Slot i holds 1 + the index of a key, or 0; null for small objects. */
  @Nullable private final int[] index;

  @CheckForNull private transient Set<Map.Entry<String, Object>> entrySet;

  private JsonObject(String[] keys, @Nullable Object[] values, int size, @Nullable int[] index) {
    this.keys = keys;
    this.values = values;
    this.size = size;
    this.index = index;
  }

  private int find(@CheckForNull Object key) {
    if (key == null) {
      return -1;
    }
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (key.equals(keys[i])) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int at = index[slot];
      if (at == 0) {
        return -1;
      }
      if (key.equals(keys[at - 1])) {
        return at - 1;
      }
    }
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(@CheckForNull Object key) {
    return find(key) >= 0;
  }

  @Override
  @CheckForNull
  public Object get(@CheckForNull Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public boolean equals(@CheckForNull Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> other)) {
      return false;
    }
    if (other.size() != size) {
      return false;
    }
    try {
      for (int i = 0; i < size; i++) {
        Object v = values[i];
        if (v == null) {
          if (other.get(keys[i]) != null || !other.containsKey(keys[i])) {
            return false;
          }
        } else if (!v.equals(other.get(keys[i]))) {
          return false;
        }
      }
    } catch (ClassCastException e) {
      return false; // as AbstractMap.equals: a map that cannot hold string keys is not equal
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += keys[i].hashCode() ^ Objects.hashCode(values[i]);
    }
    return h;
  }

  // Unmodifiable, also when empty (as Collections.unmodifiableMap).

  @Override
  @CheckForNull
  public Object put(String key, @Nullable Object value) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  public void putAll(Map<? extends String, ? extends Object> m) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object remove(@CheckForNull Object key) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  public void replaceAll(
      java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object putIfAbsent(String key, @Nullable Object value) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  public boolean remove(@CheckForNull Object key, @CheckForNull Object value) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  public boolean replace(String key, @Nullable Object oldValue, @Nullable Object newValue) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object replace(String key, @Nullable Object value) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object computeIfAbsent(
      String key, java.util.function.Function<? super String, ? extends Object> f) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object computeIfPresent(
      String key,
      java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object compute(
      String key,
      java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  @Override
  @CheckForNull
  public Object merge(
      String key,
      Object value,
      java.util.function.BiFunction<? super Object, ? super Object, ? extends Object> f) {
    throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
  }

  /** The key at position {@code i} in insertion order. */
  String keyAt(int i) {
    return keys[i];
  }

  /** The value at position {@code i} in insertion order. */
  @Nullable
  Object valueAt(int i) {
    return values[i];
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    Set<Map.Entry<String, Object>> s = entrySet;
    if (s == null) {
      s = new Entries();
      entrySet = s;
    }
    return s;
  }

  private final class Entries extends AbstractSet<Map.Entry<String, Object>> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public void clear() {
      throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
    }

    @Override
    public boolean removeIf(
        java.util.function.Predicate<? super Map.Entry<String, Object>> filter) {
      throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
    }

    @Override
    public boolean removeAll(java.util.Collection<?> c) {
      throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
    }

    @Override
    public boolean retainAll(java.util.Collection<?> c) {
      throw new UnsupportedOperationException("a JSON object of FbJson's value model is immutable");
    }

    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Map.Entry<String, Object> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          int i = next++;
          return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
        }
      };
    }
  }

  /**
   * Collects the keys and values of one object in order. Not thread-safe; used once.
   */
  static final class Builder {
    private String[] keys;
    private @Nullable Object[] values;
    private int size;
    @Nullable private int[] index;

    Builder() {
      this(4);
    }

    Builder(int expectedSize) {
      int capacity = Math.max(1, expectedSize);
      keys = new String[capacity];
      values = new Object[capacity];
    }

    /**
     * Adds a key and its value.
     *
     * @return false (and nothing added) if the key is already present
     */
    boolean put(String key, @Nullable Object value) {
      if (size == keys.length) {
        int capacity = size * 2;
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      if (index == null) {
        for (int i = 0; i < size; i++) {
          if (key.equals(keys[i])) {
            return false;
          }
        }
        if (size == LINEAR_MAX) {
          rebuildIndex(64);
          insert(index, key, size);
        }
      } else if (!insert(index, key, size)) {
        return false;
      }
      keys[size] = key;
      values[size] = value;
      size++;
      if (index != null && size * 2 > index.length) {
        rebuildIndex(index.length * 2);
      }
      return true;
    }

    private void rebuildIndex(int slots) {
      int[] table = new int[slots];
      for (int i = 0; i < size; i++) {
        insert(table, keys[i], i);
      }
      index = table;
    }

    /** Adds key number {@code i} to {@code table}; false if an equal key is there. */
    private boolean insert(int[] table, String key, int i) {
      int mask = table.length - 1;
      for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
        int at = table[slot];
        if (at == 0) {
          table[slot] = i + 1;
          return true;
        }
        if (key.equals(keys[at - 1])) {
          return false;
        }
      }
    }

    int size() {
      return size;
    }

    JsonObject build() {
      if (size == 0) {
        return EMPTY;
      }
      return new JsonObject(keys, values, size, index);
    }
  }
}
