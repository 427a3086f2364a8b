package io.github.fbtools.core;

/**
 * An open-addressing hash table from the matchable keys of a Libber to their index, looked up by
 * a range of a string so that the scan never allocates a substring.
 *
 * <p>Instances are immutable after construction and thread-safe.
 */
final class LibberKeyTable {
  private final String[] keys;
  private final int[] slots; // index + 1; 0 = empty
  private final int[] slotHashes;
  private final int mask;

  /**
   * Builds the table.
   *
   * @param keys distinct keys; their positions are the indexes {@link #find} returns
   */
  LibberKeyTable(String[] keys) {
    this.keys = keys.clone();
    int capacity = Integer.highestOneBit(Math.max(4, keys.length * 2 + 1)) << 1;
    this.slots = new int[capacity];
    this.slotHashes = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < keys.length; i++) {
      int h = keys[i].hashCode();
      int idx = spread(h) & mask;
      while (slots[idx] != 0) {
        idx = (idx + 1) & mask;
      }
      slots[idx] = i + 1;
      slotHashes[idx] = h;
    }
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /**
   * Returns the index of the key equal to {@code s.substring(from, to)}.
   *
   * @param s a string
   * @param from first index of the candidate key
   * @param to index after its last char
   * @return the key's index, or -1 if it is not a key
   */
  int find(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    int len = to - from;
    int idx = spread(h) & mask;
    int e;
    while ((e = slots[idx]) != 0) {
      if (slotHashes[idx] == h) {
        String k = keys[e - 1];
        if (k.length() == len && k.regionMatches(0, s, from, len)) {
          return e - 1;
        }
      }
      idx = (idx + 1) & mask;
    }
    return -1;
  }
}
