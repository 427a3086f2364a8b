package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /fbtools/openapi.json}: the OpenAPI 3.1 description of every route, request and
 * answer. The document is the project's {@code docs/openapi.json}, packed into the jar as a
 * resource beside this class (one source), read once.
 */
final class OpenApi {
  static final String PATH = "/fbtools/openapi.json";
  static final String RESOURCE = "openapi.json";

  private OpenApi() {}

  /** The answer, built on first use. */
  private static final class Holder {
    static final ApiResponse ANSWER = ApiResponse.of(200, FbJson.parseObject(load()));
  }

  static List<Endpoint> endpoints() {
    return List.of(Endpoint.of("GET", PATH, call -> Holder.ANSWER, null));
  }

  /** The document's bytes as packed in the jar. */
  static byte[] load() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
