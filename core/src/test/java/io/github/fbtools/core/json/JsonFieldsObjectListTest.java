package io.github.fbtools.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 2: the one reader of arrays of objects (story.json's scenes, lora_stack.json,
 * loras.json's sides, the libber server's state forms and LoRA requests), with its null policies
 * and the one message form.
 */
class JsonFieldsObjectListTest {
  private static final Map<String, Object> DOC =
      FbJson.parseObject(
          "{\"scenes\": [{\"a\": 1}, {}], \"none\": null, \"bad\": [{}, \"x\"], \"obj\": {}}");

  @Test
  void readsTheItems() {
    List<Map<String, Object>> items = JsonFields.objectList(DOC, "", "scenes", Nulls.REQUIRED);
    assertEquals(List.of(Map.of("a", 1L), Map.of()), items);
    assertThrows(UnsupportedOperationException.class, () -> items.add(Map.of()));
  }

  @Test
  void nullPolicies() {
    assertEquals(List.of(), JsonFields.objectList(DOC, "", "missing", Nulls.REFUSED));
    assertEquals(List.of(), JsonFields.objectList(DOC, "", "none", Nulls.AS_ABSENT));
    assertEquals(List.of(), JsonFields.objectList(DOC, "", "missing", Nulls.AS_ABSENT));
    FormatException e =
        assertThrows(
            FormatException.class, () -> JsonFields.objectList(DOC, "/x", "none", Nulls.REFUSED));
    assertEquals("/x/none", e.path().orElseThrow());
    assertEquals("none must be an array of objects, found null", e.reason());
    e =
        assertThrows(
            FormatException.class,
            () -> JsonFields.objectList(DOC, "", "missing", Nulls.REQUIRED));
    assertEquals("missing is required", e.reason());
  }

  @Test
  void wrongTypesNameTheFieldOrTheItem() {
    FormatException e =
        assertThrows(
            FormatException.class, () -> JsonFields.objectList(DOC, "", "obj", Nulls.REQUIRED));
    assertEquals("/obj", e.path().orElseThrow());
    assertEquals("obj must be an array of objects, found object", e.reason());
    e =
        assertThrows(
            FormatException.class, () -> JsonFields.objectList(DOC, "", "bad", Nulls.REQUIRED));
    assertEquals("/bad/1", e.path().orElseThrow());
    assertEquals("bad must be an array of objects, found an item of type string", e.reason());
    e =
        assertThrows(
            FormatException.class,
            () -> JsonFields.objectItems(FbJson.parse("[1]"), "", "lora_stack.json"));
    assertEquals("/0", e.path().orElseThrow());
    assertEquals(
        "lora_stack.json must be an array of objects, found an item of type number", e.reason());
  }
}
