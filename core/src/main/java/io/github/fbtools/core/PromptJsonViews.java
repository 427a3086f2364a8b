package io.github.fbtools.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * The read-only views {@link PromptCollectionJson#toObject} writes a collection's prompts
 * through: no map is built per prompt, and {@link io.github.fbtools.core.json.FbJson}'s writer
 * reads them through {@link Map#forEach}. They are immutable and thread-safe, as the collection
 * they show.
 */
final class PromptJsonViews {
  private PromptJsonViews() {}

  /**
   * The {@code prompts} object of the written document: a read-only view of the prompts whose
   * values are {@link PromptEntry} views, made as they are iterated (no map is built per prompt).
   */
  static final class Prompts extends AbstractMap<String, Object> {
    private final Map<String, PromptMetadata> prompts;

    Prompts(Map<String, PromptMetadata> prompts) {
      this.prompts = prompts;
    }

    @Override
    public int size() {
      return prompts.size();
    }

    @Override
    public void clear() {
      throw new UnsupportedOperationException("the written document is read-only");
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return prompts.containsKey(key);
    }

    @Override
    @Nullable
    public Object get(@Nullable Object key) {
      PromptMetadata m = prompts.get(key);
      return m == null ? null : new PromptEntry(m);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      prompts.forEach((name, m) -> action.accept(name, new PromptEntry(m)));
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return prompts.size();
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          Iterator<Map.Entry<String, PromptMetadata>> it = prompts.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Map.Entry<String, Object> next() {
              Map.Entry<String, PromptMetadata> e = it.next();
              return new SimpleImmutableEntry<>(e.getKey(), new PromptEntry(e.getValue()));
            }
          };
        }
      };
    }
  }

  /**
   * One prompt entry of the written document, in the reference's key order: {@code value} and
   * {@code processing_type} always, then {@code category}, {@code description}, {@code tags} and
   * {@code libber_name} when set, then the entry's unknown fields. A read-only view of the
   * metadata.
   */
  static final class PromptEntry extends AbstractMap<String, Object> {
    private final PromptMetadata m;

    PromptEntry(PromptMetadata m) {
      this.m = m;
    }

    @Override
    public int size() {
      return 2
          + (m.category() != null ? 1 : 0)
          + (m.description() != null ? 1 : 0)
          + (m.tags().isEmpty() ? 0 : 1)
          + (m.libberName() != null ? 1 : 0)
          + m.extra().size();
    }

    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      action.accept("value", m.value());
      action.accept("processing_type", m.processingType());
      if (m.category() != null) {
        action.accept("category", m.category());
      }
      if (m.description() != null) {
        action.accept("description", m.description());
      }
      if (!m.tags().isEmpty()) {
        action.accept("tags", m.tags());
      }
      if (m.libberName() != null) {
        action.accept("libber_name", m.libberName());
      }
      if (!m.extra().isEmpty()) {
        m.extra().forEach(action);
      }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(size());
      forEach((k, v) -> entries.add(new SimpleImmutableEntry<>(k, v)));
      return new AbstractSet<>() {
        @Override
        public int size() {
          return entries.size();
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return Collections.unmodifiableList(entries).iterator();
        }
      };
    }
  }
}
