package io.github.fbtools.core;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The compiled form of one Libber: its matchable keys indexed, each value pre-scanned into the
 * references it holds, and the substitution algorithm of the reference (REFERENCE §2.2) run
 * without recursion, in time linear in the output, and with the output length known before the
 * output is built.
 *
 * <h2>Algorithm</h2>
 *
 * <p>Let {@code E(k, d)} be the text a reference to key {@code k} found at depth {@code d - 1}
 * becomes: the value of {@code k} processed at depth {@code d}. The reference returns a text
 * unchanged at {@code depth >= maxDepth}, so {@code E(k, maxDepth)} is the raw value; below that,
 * each reference {@code r} in the value is replaced by {@code E(r, d + 1)}. The top-level text is
 * processed at depth 0. Each (key, depth) pair is a <em>state</em>; a call computes each state it
 * meets once:
 *
 * <ol>
 *   <li>Lengths: the top-level text is scanned once; for each reference to a known key the length
 *       of its state is computed with an explicit stack (its depth is at most {@code maxDepth +
 *       1}, because a child is always one level deeper), memoised per state. Steps and output
 *       length are checked as they grow; crossing a limit throws before anything is built.
 *   <li>Output: a buffer of exactly the computed length is filled. The first occurrence of a
 *       state is written by walking its value; every later occurrence is copied from where the
 *       first one was written ({@code System.arraycopy}), so the work is linear in the output.
 *       When the text and every value used are Latin-1 (all chars {@code <= U+00FF}, so every
 *       ASCII prompt), the buffer is a {@code byte[]} of Latin-1 bytes, which becomes the
 *       result with one plain copy; otherwise it is a {@code char[]}. (For a 2 MiB output the
 *       {@code char[]} route costs twice the memory traffic plus the JDK's char-to-byte
 *       compression in {@code new String(char[])}, about half the time of the whole call.)
 * </ol>
 *
 * <p>Why this class is long: the memoised expansion, its three limits and its per-call
 * scratch state are one algorithm that only makes sense read together; scanning ({@code
 * LibberScanner}), the key table ({@code LibberKeyTable}) and the analysis ({@code
 * LibberAnalysis}) are already separate.
 *
 * <p>Instances are immutable and thread-safe; all scratch state lives in a per-call {@link Call}.
 */
final class LibberEngine {
  final LibberScanner scanner;
  final LibberKeyTable table;
  /** The matchable keys, in the Libber's insertion order. */
  final String[] names;
  /** Their values. */
  final String[] values;
  /** Their values as Latin-1 bytes; null for a value with a char above U+00FF. */
  final byte[][] latin1Values;
  /** Per key: (start, end, key index) of each reference to a known key in its value. */
  final int[][] refs;
  /** Per key: the length of its value without its references to known keys. */
  final int[] literalLength;

  final int maxDepth;

  private static final int[] NO_REFS = new int[0];

  private LibberEngine(
      LibberScanner scanner,
      LibberKeyTable table,
      String[] names,
      String[] values,
      byte[][] latin1Values,
      int[][] refs,
      int[] literalLength,
      int maxDepth) {
    this.scanner = scanner;
    this.table = table;
    this.names = names;
    this.values = values;
    this.latin1Values = latin1Values;
    this.refs = refs;
    this.literalLength = literalLength;
    this.maxDepth = maxDepth;
  }

  /**
   * Compiles a Libber's map.
   *
   * @param libs the keys and values, any keys (only matchable ones are indexed)
   * @param scanner the scanner for the Libber's delimiter
   * @param maxDepth the Libber's depth limit, 0..100
   * @return the engine
   */
  static LibberEngine compile(Map<String, String> libs, LibberScanner scanner, int maxDepth) {
    int n = 0;
    for (String key : libs.keySet()) {
      if (LibberScanner.isMatchableKey(key)) {
        n++;
      }
    }
    String[] names = new String[n];
    String[] values = new String[n];
    int i = 0;
    for (Map.Entry<String, String> e : libs.entrySet()) {
      if (LibberScanner.isMatchableKey(e.getKey())) {
        names[i] = e.getKey();
        values[i] = e.getValue();
        i++;
      }
    }
    LibberKeyTable table = new LibberKeyTable(names);
    byte[][] latin1Values = new byte[n][];
    for (int k = 0; k < n; k++) {
      if (isLatin1(values[k])) {
        latin1Values[k] = values[k].getBytes(StandardCharsets.ISO_8859_1);
      }
    }
    int[][] refs = new int[n][];
    int[] literalLength = new int[n];
    for (int k = 0; k < n; k++) {
      String v = values[k];
      int[] found = NO_REFS;
      int count = 0;
      int literal = v.length();
      LibberScanner.Cursor c = scanner.cursor(v);
      while (c.next()) {
        int child = table.find(v, c.keyStart, c.keyEnd);
        if (child >= 0) {
          if (count + 3 > found.length) {
            found = Arrays.copyOf(found, Math.max(6, found.length * 2));
          }
          found[count++] = c.start;
          found[count++] = c.end;
          found[count++] = child;
          literal -= c.end - c.start;
        }
      }
      refs[k] = count == found.length ? found : Arrays.copyOf(found, count);
      literalLength[k] = literal;
    }
    return new LibberEngine(
        scanner, table, names, values, latin1Values, refs, literalLength, maxDepth);
  }

  /**
   * True if every char of {@code s} is at most U+00FF. (For a string the JDK stores as Latin-1,
   * the JIT can see that no char can exceed U+00FF and drop the loop.)
   */
  static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /**
   * Substitutes within limits.
   *
   * @param text the top-level text
   * @param limits the limits
   * @return the output
   * @throws LibberExpansionException past a limit
   */
  String substitute(String text, ExpansionLimits limits) {
    return new Call(limits).substitute(text);
  }

  /**
   * Starts a call whose counters a test can read afterwards.
   *
   * @param limits the limits
   * @return a fresh call
   */
  Call newCall(ExpansionLimits limits) {
    return new Call(limits);
  }

  /** The scratch state of one substitution: used by one thread, once. */
  final class Call {
    private final int maxOut;
    private final int maxSteps;

    /** Steps taken so far (top-level references plus states created). */
    private int steps;

    // States: (key, depth) → index, open addressing on (key << 7 | depth).
    private long[] tableKeys = new long[32];
    private int[] tableSlots = new int[32]; // state + 1; 0 = empty
    private int stateCount;
    private int[] stKey = new int[16];
    private int[] stDepth = new int[16];
    /** Expanded length of each state, -1 until computed. */
    private int[] stLen = new int[16];
    /** Where the state's first copy was written in the output, -1 until then. */
    private int[] stPos = new int[16];

    // The explicit stack (never deeper than maxDepth + 1 frames).
    private final int[] frameState;
    private final int[] frameRef;
    private final int[] frameCursor;
    private final long[] frameSum;

    // Top-level references: (start, end, state) triples.
    private int[] textRefs = new int[48];
    private int textRefCount;

    // The output: Latin-1 bytes when bytes != null, else chars.
    @Nullable private byte[] bytes;
    @Nullable private char[] chars;

    Call(ExpansionLimits limits) {
      this.maxOut = limits.maxOutputChars();
      this.maxSteps = limits.maxExpansionSteps();
      this.frameState = new int[maxDepth + 2];
      this.frameRef = new int[maxDepth + 2];
      this.frameCursor = new int[maxDepth + 2];
      this.frameSum = new long[maxDepth + 2];
    }

    /**
     * Returns the steps taken so far.
     *
     * @return top-level references plus distinct (key, depth) states created
     */
    int steps() {
      return steps;
    }

    /**
     * Returns the number of distinct (key, depth) states created so far.
     *
     * @return the number of states
     */
    int states() {
      return stateCount;
    }

    /**
     * Does the work of substituting a lone reference to key {@code k} (one top-level step, then
     * its expansion's length) without building the output.
     *
     * @throws LibberExpansionException where {@link #substitute} of that reference would
     */
    void measure(int k) {
      if (maxDepth == 0) {
        return;
      }
      if (++steps > maxSteps) {
        throw stepsRefused(ImmutableList.of(names[k]));
      }
      int s = state(k, 1, -1);
      if (stLen[s] < 0) {
        computeLength(s);
      }
    }

    String substitute(String text) {
      if (maxDepth == 0 || names.length == 0) {
        if (text.length() > maxOut) {
          throw outputRefused(ImmutableList.of(), text.length());
        }
        return text;
      }
      long total = 0;
      int last = 0;
      LibberScanner.Cursor c = scanner.cursor(text);
      while (c.next()) {
        int k = table.find(text, c.keyStart, c.keyEnd);
        if (k < 0) {
          continue;
        }
        if (++steps > maxSteps) {
          throw stepsRefused(ImmutableList.of(names[k]));
        }
        int s = state(k, 1, -1);
        if (stLen[s] < 0) {
          computeLength(s);
        }
        total += (c.start - last) + (long) stLen[s];
        if (total > maxOut) {
          throw outputRefused(ImmutableList.of(names[k]), total);
        }
        last = c.end;
        addTextRef(c.start, c.end, s);
      }
      if (textRefCount == 0) {
        if (text.length() > maxOut) {
          throw outputRefused(ImmutableList.of(), text.length());
        }
        return text;
      }
      total += text.length() - last;
      if (total > maxOut) {
        throw outputRefused(ImmutableList.of(), total);
      }
      return build(text, (int) total);
    }

    private void addTextRef(int start, int end, int s) {
      if (textRefCount + 3 > textRefs.length) {
        textRefs = Arrays.copyOf(textRefs, textRefs.length * 2);
      }
      textRefs[textRefCount++] = start;
      textRefs[textRefCount++] = end;
      textRefs[textRefCount++] = s;
    }

    /**
     * Returns the state for (k, d), creating it (one step) if new.
     *
     * @param sp the stack top whose frame references it, -1 from the top-level text
     */
    private int state(int k, int d, int sp) {
      long key = ((long) k << 7) | d;
      int mask = tableKeys.length - 1;
      int idx = hash(key) & mask;
      int e;
      while ((e = tableSlots[idx]) != 0) {
        if (tableKeys[idx] == key) {
          return e - 1;
        }
        idx = (idx + 1) & mask;
      }
      if (++steps > maxSteps) {
        throw stepsRefused(sp >= 0 ? chain(sp, k) : ImmutableList.of(names[k]));
      }
      int s = stateCount++;
      if (s == stKey.length) {
        int cap = s * 2;
        stKey = Arrays.copyOf(stKey, cap);
        stDepth = Arrays.copyOf(stDepth, cap);
        stLen = Arrays.copyOf(stLen, cap);
        stPos = Arrays.copyOf(stPos, cap);
      }
      stKey[s] = k;
      stDepth[s] = d;
      stLen[s] = -1;
      stPos[s] = -1;
      tableKeys[idx] = key;
      tableSlots[idx] = s + 1;
      if (stateCount * 2 > tableKeys.length) {
        rehash();
      }
      return s;
    }

    private int lookup(int k, int d) {
      long key = ((long) k << 7) | d;
      int mask = tableKeys.length - 1;
      int idx = hash(key) & mask;
      while (tableKeys[idx] != key) {
        idx = (idx + 1) & mask;
      }
      return tableSlots[idx] - 1;
    }

    private void rehash() {
      long[] oldKeys = tableKeys;
      int[] oldSlots = tableSlots;
      tableKeys = new long[oldKeys.length * 2];
      tableSlots = new int[oldKeys.length * 2];
      int mask = tableKeys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldSlots[i] != 0) {
          int idx = hash(oldKeys[i]) & mask;
          while (tableSlots[idx] != 0) {
            idx = (idx + 1) & mask;
          }
          tableKeys[idx] = oldKeys[i];
          tableSlots[idx] = oldSlots[i];
        }
      }
    }

    /** Computes the length of state {@code root} and of every state below it not yet known. */
    private void computeLength(int root) {
      int sp = 0;
      frameState[0] = root;
      frameRef[0] = 0;
      frameSum[0] = initialLength(root);
      while (true) {
        int s = frameState[sp];
        int d = stDepth[s];
        long sum = frameSum[sp];
        boolean descended = false;
        if (d < maxDepth) {
          int[] r = refs[stKey[s]];
          int i = frameRef[sp];
          while (i < r.length) {
            int child = state(r[i + 2], d + 1, sp);
            int childLength = stLen[child];
            if (childLength < 0) {
              frameRef[sp] = i;
              frameSum[sp] = sum;
              sp++;
              frameState[sp] = child;
              frameRef[sp] = 0;
              frameSum[sp] = initialLength(child);
              descended = true;
              break;
            }
            sum += childLength;
            if (sum > maxOut) {
              throw outputRefused(chain(sp, -1), sum);
            }
            i += 3;
          }
        }
        if (descended) {
          continue;
        }
        if (sum > maxOut) {
          throw outputRefused(chain(sp, -1), sum);
        }
        stLen[s] = (int) sum;
        if (sp == 0) {
          return;
        }
        sp--;
      }
    }

    private long initialLength(int s) {
      int k = stKey[s];
      return stDepth[s] >= maxDepth ? values[k].length() : literalLength[k];
    }

    private String build(String text, int total) {
      if (latin1(text)) {
        bytes = new byte[total];
      } else {
        chars = new char[total];
      }
      int pos = 0;
      int last = 0;
      int[] tr = textRefs;
      for (int i = 0; i < textRefCount; i += 3) {
        int start = tr[i];
        pos = copyText(text, last, start, pos);
        pos = write(tr[i + 2], pos);
        last = tr[i + 1];
      }
      copyText(text, last, text.length(), pos);
      byte[] b = bytes;
      return b != null ? new String(b, StandardCharsets.ISO_8859_1) : new String(chars);
    }

    /** True if the text and the value of every state met are Latin-1. */
    private boolean latin1(String text) {
      for (int s = 0; s < stateCount; s++) {
        if (latin1Values[stKey[s]] == null) {
          return false;
        }
      }
      return isLatin1(text);
    }

    /** Copies {@code text[from, to)} to the output at {@code pos}; returns the position after. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exactly Latin-1 here
    private int copyText(String text, int from, int to, int pos) {
      byte[] b = bytes;
      if (b != null) {
        text.getBytes(from, to, b, pos);
      } else {
        text.getChars(from, to, chars, pos);
      }
      return pos + to - from;
    }

    /** Copies {@code value(k)[from, to)} to the output at {@code pos}; returns the position after. */
    private int copyValue(int k, int from, int to, int pos) {
      byte[] b = bytes;
      if (b != null) {
        System.arraycopy(latin1Values[k], from, b, pos, to - from);
      } else {
        values[k].getChars(from, to, chars, pos);
      }
      return pos + to - from;
    }

    /** Copies {@code length} output chars from {@code from} to {@code pos}; returns the end. */
    private int copyOutput(int from, int pos, int length) {
      byte[] b = bytes;
      if (b != null) {
        System.arraycopy(b, from, b, pos, length);
      } else {
        System.arraycopy(chars, from, chars, pos, length);
      }
      return pos + length;
    }

    /** Writes state {@code root} at {@code pos}; returns the position after it. */
    private int write(int root, int pos) {
      int length = stLen[root];
      if (length == 0) {
        return pos;
      }
      if (stPos[root] >= 0) {
        return copyOutput(stPos[root], pos, length);
      }
      stPos[root] = pos;
      int sp = 0;
      frameState[0] = root;
      frameRef[0] = 0;
      frameCursor[0] = 0;
      while (true) {
        int s = frameState[sp];
        int d = stDepth[s];
        int k = stKey[s];
        boolean descended = false;
        int cursor = frameCursor[sp];
        if (d < maxDepth) {
          int[] r = refs[k];
          int i = frameRef[sp];
          while (i < r.length) {
            pos = copyValue(k, cursor, r[i], pos);
            cursor = r[i + 1];
            int child = lookup(r[i + 2], d + 1);
            i += 3;
            int childLength = stLen[child];
            if (childLength == 0) {
              continue;
            }
            int at = stPos[child];
            if (at >= 0) {
              pos = copyOutput(at, pos, childLength);
            } else {
              frameRef[sp] = i;
              frameCursor[sp] = cursor;
              stPos[child] = pos;
              sp++;
              frameState[sp] = child;
              frameRef[sp] = 0;
              frameCursor[sp] = 0;
              descended = true;
              break;
            }
          }
        }
        if (descended) {
          continue;
        }
        pos = copyValue(k, cursor, values[k].length(), pos);
        if (sp == 0) {
          return pos;
        }
        sp--;
      }
    }

    /** The keys on the stack, outermost first, plus {@code extra} if it is {@code >= 0}. */
    private ImmutableList<String> chain(int sp, int extra) {
      ImmutableList.Builder<String> b = ImmutableList.builderWithExpectedSize(sp + 2);
      for (int i = 0; i <= sp; i++) {
        b.add(names[stKey[frameState[i]]]);
      }
      if (extra >= 0) {
        b.add(names[extra]);
      }
      return b.build();
    }

    private LibberExpansionException outputRefused(ImmutableList<String> chain, long atLeast) {
      return new LibberExpansionException(
          LibberExpansionException.Limit.OUTPUT_CHARS,
          chain,
          "output would be at least " + atLeast + " chars, over the limit of " + maxOut);
    }

    private LibberExpansionException stepsRefused(ImmutableList<String> chain) {
      return new LibberExpansionException(
          LibberExpansionException.Limit.EXPANSION_STEPS,
          chain,
          "more than " + maxSteps + " expansion steps");
    }
  }

  private static int hash(long key) {
    long x = key * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32));
  }
}
