package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The substitution test plan of RELIABILITY.md §3 (S1-S3, S6, S7). Work bounds are asserted with
 * the engine's step and state counters; the timeouts are only hang guards.
 */
class LibberReliabilityTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @Nested
  class S1BillionLaughs {
    private Libber laughs() {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      m.put("l0", "lol");
      for (int i = 1; i <= 30; i++) {
        m.put("l" + i, "%l" + (i - 1) + "%%l" + (i - 1) + "%");
      }
      return Libber.of(m, "%", 100);
    }

    @Test
    void isRefusedAfterOneLengthPerKey() {
      LibberEngine.Call call = laughs().engine().newCall(ExpansionLimits.DEFAULT);
      LibberExpansionException e =
          assertTimeoutPreemptively(
              HANG_GUARD,
              () -> assertThrows(LibberExpansionException.class, () -> call.substitute("%l30%")));
      assertEquals(LibberExpansionException.Limit.OUTPUT_CHARS, e.limit());
      // 3 * 2^23 > 16 Mi: l23 is the first expansion over the limit.
      List<String> expected = new ArrayList<>();
      for (int i = 30; i >= 23; i--) {
        expected.add("l" + i);
      }
      assertEquals(expected, e.keyChain());
      assertTrue(call.states() <= 31, "states: " + call.states());
      assertTrue(call.steps() <= 32, "steps: " + call.steps());
    }

    @Test
    void aSmallerCaseWithinLimitsIsBuilt() {
      String out = laughs().substitute("%l20%");
      assertEquals(3 << 20, out.length());
      assertTrue(out.startsWith("lollol") && out.endsWith("lol"));
    }

    @Test
    void theDoublingBombOfFortyKeysIsRefused() {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 40; i++) {
        m.put("k" + i, "%k" + (i + 1) + "%%k" + (i + 1) + "%");
      }
      Libber l = Libber.of(m, "%", 100);
      LibberEngine.Call call = l.engine().newCall(ExpansionLimits.DEFAULT);
      LibberExpansionException e =
          assertTimeoutPreemptively(
              HANG_GUARD,
              () -> assertThrows(LibberExpansionException.class, () -> call.substitute("%k0%")));
      assertEquals(LibberExpansionException.Limit.OUTPUT_CHARS, e.limit());
      assertEquals("k0", e.keyChain().get(0));
      assertTrue(call.states() <= 41, "states: " + call.states());
    }
  }

  @Nested
  class S2FanOut {
    @Test
    void tenLevelsOfAHundredReferencesAreRefused() {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      m.put("f0", "x");
      for (int i = 1; i <= 10; i++) {
        m.put("f" + i, ("%f" + (i - 1) + "%").repeat(100));
      }
      Libber l = Libber.of(m, "%", 100);
      LibberEngine.Call call = l.engine().newCall(ExpansionLimits.DEFAULT);
      LibberExpansionException e =
          assertTimeoutPreemptively(
              HANG_GUARD,
              () -> assertThrows(LibberExpansionException.class, () -> call.substitute("%f10%")));
      assertEquals(LibberExpansionException.Limit.OUTPUT_CHARS, e.limit());
      assertEquals("f10", e.keyChain().get(0));
      assertTrue(call.states() <= 11, "states: " + call.states());
      assertTrue(call.steps() <= 12, "steps: " + call.steps());
    }

    @Test
    void manyTopLevelReferencesAreCountedAsSteps() {
      Libber l = Libber.of(Map.of("a", ""));
      String text = "%a%".repeat(1_000_001);
      LibberEngine.Call call = l.engine().newCall(ExpansionLimits.DEFAULT);
      LibberExpansionException e =
          assertThrows(LibberExpansionException.class, () -> call.substitute(text));
      assertEquals(LibberExpansionException.Limit.EXPANSION_STEPS, e.limit());
      assertEquals(1_000_001, call.steps());
      assertEquals("", l.substitute("%a%".repeat(999_999)));
    }

    @Test
    void manyDistinctExpansionsAreCountedAsSteps() {
      // A chain of 2,000 keys referenced at every key: about 100 new states per reference.
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        m.put("k" + i, "%k" + (i + 1) + "%");
        text.append("%k").append(i).append('%');
      }
      Libber l = Libber.of(m, "%", 100);
      LibberEngine.Call call = l.engine().newCall(new ExpansionLimits(1 << 24, 50_000));
      LibberExpansionException e =
          assertThrows(LibberExpansionException.class, () -> call.substitute(text.toString()));
      assertEquals(LibberExpansionException.Limit.EXPANSION_STEPS, e.limit());
      assertEquals(50_001, call.steps());
    }
  }

  @Nested
  class S3CyclesAndDepth {
    @Test
    void hundredThousandLinkChainNeverOverflowsTheStack() {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 100_000; i++) {
        m.put("k" + i, "%k" + (i + 1) + "%");
      }
      m.put("k100000", "END");
      Libber l = Libber.of(m, "%", 100);
      String out = assertTimeoutPreemptively(HANG_GUARD, () -> l.substitute("%k0%"));
      assertEquals("%k100%", out);
      assertEquals("END", l.substitute("%k99950%"));
      assertEquals("%k99999%", l.substitute("%k99899%"));
      LibberEngine.Call call = l.engine().newCall(ExpansionLimits.DEFAULT);
      call.substitute("%k0% %k0% %k1%");
      // (k0..k99 at depths 1..100) and (k1..k100 at depths 1..100): memoised per (key, depth).
      assertEquals(200, call.states());
    }

    @Test
    void deepCyclesAtDepthHundredAreCheap() {
      Libber self = Libber.of(Map.of("a", "x%a%"), "%", 100);
      assertEquals("x".repeat(100) + "%a%", self.substitute("%a%"));
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        m.put("c" + i, "%c" + ((i + 1) % 50) + "%");
      }
      Libber fifty = Libber.of(m, "%", 100);
      assertEquals("%c0%", fifty.substitute("%c0%"));
      LibberEngine.Call call = fifty.engine().newCall(ExpansionLimits.DEFAULT);
      call.substitute("%c0%");
      assertEquals(100, call.states());
    }

    @Test
    void depthLimitsAreValidatedWhenTheLibberIsCreated() {
      assertThrows(IllegalArgumentException.class, () -> Libber.of(Map.of(), "%", 101));
      assertThrows(IllegalArgumentException.class, () -> Libber.of(Map.of(), "%", -1));
      assertThrows(FormatException.class, () -> Libber.fromJson("{\"max_depth\": 101}"));
      assertThrows(FormatException.class, () -> Libber.fromJson("{\"max_depth\": 5000}"));
    }
  }

  @Nested
  class S6NoDangerousFeatures {
    private final List<String> payloads =
        List.of(
            "${jndi:ldap://127.0.0.1:1389/a}",
            "${jndi:rmi://127.0.0.1:1099/a}",
            "${jndi:dns://127.0.0.1/a}",
            "${${lower:j}ndi:ldap://127.0.0.1/a}",
            "${${::-j}${::-n}${::-d}${::-i}:ldap://127.0.0.1/a}",
            "${script:javascript:java.lang.Runtime.getRuntime().exec('id')}",
            "${script:js:1+1}",
            "${dns:address|example.com}",
            "${url:UTF-8:http://127.0.0.1/}",
            "${url:UTF-8:file:///etc/passwd}",
            "${file:UTF-8:/etc/passwd}",
            "${file:UTF-8:x}",
            "${env:HOME}",
            "${env:PATH:-x}",
            "${sys:user.home}",
            "${sys:java.version}",
            "${java:version}",
            "${base64Decoder:SGVsbG8=}",
            "${base64:SGVsbG8=}",
            "${const:java.lang.Integer.MAX_VALUE}",
            "${localhost:canonical-name}",
            "${properties:x.properties::k}",
            "${resourceBundle:x:k}",
            "${urlDecoder:%41}",
            "${xml:/etc/x.xml:/a}",
            "${ctx:loginId}",
            "${date:yyyy}",
            "${main:0}",
            "${k8s:podName}",
            "#{7*7}",
            "#{T(java.lang.Runtime).getRuntime().exec('id')}",
            "{{7*7}}",
            "{{constructor.constructor('return process')()}}",
            "<%= 7*7 %>",
            "${7*7}",
            "@(7*7)",
            "%{x}",
            "%{#context['xwork.MethodAccessor.denyMethodExecution']=false}",
            "%../../x%",
            "%..%",
            "%/etc/passwd%",
            "%env:HOME%",
            "%sys:user.home%",
            "%jndi:ldap://127.0.0.1/a%",
            "%HOME%",
            "%PATH%",
            "%a.b%",
            "%a$b%",
            "$(id)",
            "`id`",
            "; rm -rf /",
            "| cat /etc/passwd",
            "\\u0024{jndi:x}",
            "%%%%%%%%",
            "%%a%%%%b%%",
            "%\u0000%",
            "%a\n%",
            "file:///etc/passwd",
            "http://127.0.0.1/",
            "../../../../etc/passwd");

    private final Libber libber = Libber.of(Map.of("a", "A", "b", "B"));

    /** The payload with the tokens of the real keys replaced, as a plain string edit. */
    private String expected(String payload) {
      return payload.replace("%%a%%%%b%%", "%A%%B%").replace("%a%", "A").replace("%b%", "B");
    }

    @Test
    void corpusIsLargeEnough() {
      assertTrue(payloads.size() >= 50, "payloads: " + payloads.size());
    }

    @Test
    void payloadsAsTextAreLeftAloneExceptRealKeys() {
      for (String p : payloads) {
        assertEquals(expected(p), libber.substitute(p), p);
        assertEquals(expected(p) + " A", libber.substitute(p + " %a%"), p);
      }
    }

    @Test
    void payloadsAsValuesAreInsertedLiterally() {
      for (String p : payloads) {
        Libber l = libber.withLib("p", p);
        assertEquals("[" + expected(p) + "]", l.substitute("[%p%]"), p);
        assertEquals("[" + p + "]", l.withMaxDepth(1).substitute("[%p%]"), p);
      }
    }

    @Test
    void payloadsAsKeysCanNeverMatch() {
      for (String p : payloads) {
        Libber l = Libber.of(Map.of(p, "PWNED", "a", "A"));
        String out = l.substitute("%" + p + "% " + p);
        assertTrue(!out.contains("PWNED") || p.equals("a"), p);
      }
    }
  }

  @Nested
  class S7ConcurrentEdit {
    @Test
    void everyResultIsTheExpansionOfOneSnapshot() throws Exception {
      Libber before = Libber.of(Map.of("a", "%b% and %c%", "b", "B1", "c", "C1 %b%"));
      Libber after = before.withLib("b", "B2 %c%").withLib("c", "C2");
      String text = "<%a%|%b%|%c%>";
      String expectedBefore = "<B1 and C1 B1|B1|C1 B1>";
      String expectedAfter = "<B2 C2 and C2|B2 C2|C2>";
      assertTrue(!expectedBefore.equals(expectedAfter));

      AtomicReference<Libber> current = new AtomicReference<>(before);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch start = new CountDownLatch(1);
      int ops = 10_000;
      Thread reader =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < ops; i++) {
                    String out = current.get().substitute(text);
                    if (!out.equals(expectedBefore) && !out.equals(expectedAfter)) {
                      throw new AssertionError("mixed result: " + out);
                    }
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              });
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < ops; i++) {
                    Libber l = current.get();
                    // Build the next snapshot by edits; a fresh instance each time (no engine yet).
                    Libber next =
                        l.lib("c").orElse("").equals("C2")
                            ? l.withLib("b", "B1").withLib("c", "C1 %b%")
                            : l.withLib("b", "B2 %c%").withLib("c", "C2");
                    current.set(next);
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              });
      reader.start();
      writer.start();
      start.countDown();
      reader.join(HANG_GUARD.toMillis());
      writer.join(HANG_GUARD.toMillis());
      assertNull(failure.get(), () -> String.valueOf(failure.get()));
      assertTrue(!reader.isAlive() && !writer.isAlive(), "threads finished");
    }

    @Test
    void oneInstanceIsSafeToShareWhileItCompilesLazily() throws Exception {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 200; i++) {
        m.put("k" + i, "v" + i + (i > 0 ? " %k" + (i - 1) + "%" : ""));
      }
      String text = "%k199% %k5% %k0%";
      // %k199% expands ten levels deep (k199 .. k190), then k190's value stays as written.
      StringBuilder chain = new StringBuilder();
      for (int i = 199; i >= 190; i--) {
        chain.append('v').append(i).append(' ');
      }
      String expected = chain + "%k189% v5 v4 v3 v2 v1 v0 v0";
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int round = 0; round < 20; round++) {
        Libber shared = Libber.of(m);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Thread th =
              new Thread(
                  () -> {
                    try {
                      start.await();
                      for (int i = 0; i < 50; i++) {
                        assertEquals(expected, shared.substitute(text));
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  });
          th.start();
          threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
          th.join(HANG_GUARD.toMillis());
        }
      }
      assertNull(failure.get(), () -> String.valueOf(failure.get()));
    }
  }
}
