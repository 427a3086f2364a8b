package io.github.fbtools.core.json;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import javax.annotation.Nullable;

/**
 * A JSON array of {@link FbJson}'s value model: an unmodifiable list of JSON values (nulls
 * allowed) that are themselves deeply immutable, so {@link FbJson#immutableCopy} returns it as it
 * is. Immutable and thread-safe.
 */
final class JsonArray extends AbstractList<Object> implements RandomAccess {
  static final JsonArray EMPTY = new JsonArray(new Object[0], 0);

  private final @Nullable Object[] items;
  private final int size;

  private JsonArray(@Nullable Object[] items, int size) {
    this.items = items;
    this.size = size;
  }

  /** Wraps {@code items[0..size)}; the caller gives up the array. */
  static JsonArray wrap(@Nullable Object[] items, int size) {
    return size == 0 ? EMPTY : new JsonArray(items, size);
  }

  @Override
  @Nullable
  public Object get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index " + i + " of a JSON array of size " + size);
    }
    return items[i];
  }

  @Override
  public int size() {
    return size;
  }

  // Unmodifiable, also when empty (as Collections.unmodifiableList).

  @Override
  public void clear() {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public boolean removeIf(java.util.function.Predicate<? super Object> filter) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public boolean removeAll(java.util.Collection<?> c) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public boolean retainAll(java.util.Collection<?> c) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public boolean addAll(java.util.Collection<?> c) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public boolean addAll(int index, java.util.Collection<?> c) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public void replaceAll(java.util.function.UnaryOperator<Object> operator) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public void sort(@Nullable java.util.Comparator<? super Object> c) {
    throw new UnsupportedOperationException("a JSON array of FbJson's value model is immutable");
  }

  @Override
  public Object[] toArray() {
    return Arrays.copyOf(items, size);
  }
}
