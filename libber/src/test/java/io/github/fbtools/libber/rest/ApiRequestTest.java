package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
  @Test
  void parsesQueries() {
    assertEquals(Map.of(), ApiRequest.parseQuery(null));
    assertEquals(Map.of(), ApiRequest.parseQuery(""));
    assertEquals(
        Map.of("session_id", "abc", "name", "my scene", "flag", "", "x", "a+b/é"),
        ApiRequest.parseQuery("session_id=abc&name=my+scene&flag&&x=a%2Bb%2F%C3%A9"));
    assertThrows(IllegalArgumentException.class, () -> ApiRequest.parseQuery("a=%zz"));
    assertThrows(IllegalArgumentException.class, () -> ApiRequest.parseQuery("a=%4"));
    assertThrows(IllegalArgumentException.class, () -> ApiRequest.parseQuery("a=%C3"));
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> ApiRequest.parseQuery("a=1&a=2"));
    assertEquals("query parameter 'a' is given twice", twice.getMessage());
  }

  @Test
  void decodesPathSegmentsWithoutPlus() {
    assertEquals("a+b c", ApiRequest.decode("a+b%20c", false));
    assertEquals("../x", ApiRequest.decode("..%2Fx", false));
    assertEquals("%2e", ApiRequest.decode("%252e", false));
    assertEquals("\ud83d\ude00x", ApiRequest.decode("\ud83d\ude00%78", false));
  }

  @Test
  void holdsItsPartsImmutably() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    ApiRequest r = ApiRequest.of("POST", "/p", Map.of("a", "b"), body);
    body[0] = 'x';
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), r.body());
    assertNotSame(r.body(), r.body());
    assertEquals(2, r.bodyLength());
    assertEquals("POST", r.method());
    assertEquals("/p", r.path());
    assertThrows(UnsupportedOperationException.class, () -> r.query().put("c", "d"));
    assertTrue(r.toString().contains("POST /p, 2 body bytes"));
    assertTrue(ApiRequest.get("/" + "x".repeat(500), Map.of()).toString().length() < 260);
  }
}
