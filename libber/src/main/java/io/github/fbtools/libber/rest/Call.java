package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One request being handled: the request, the decoded path parameters, and the body parsed once
 * on first use. Confined to the handling thread.
 */
final class Call {
  private final ApiRequest request;
  private final Map<String, String> params;
  @Nullable private Map<String, Object> body;

  Call(ApiRequest request, Map<String, String> params) {
    this.request = request;
    this.params = params;
  }

  ApiRequest request() {
    return request;
  }

  /** The decoded path parameter (the route guarantees it exists and is not empty). */
  String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return v;
  }

  Map<String, String> query() {
    return request.query();
  }

  /** The body as a JSON object; an empty body is {@code {}}; invalid JSON is a 400. */
  Map<String, Object> body() {
    if (body == null) {
      byte[] raw = request.rawBody();
      if (raw.length == 0) {
        body = Map.of();
      } else {
        try {
          body = FbJson.parseObject(raw);
        } catch (FormatException e) {
          throw ApiException.badRequest("the request body is not a valid JSON object: " + e.getMessage());
        }
      }
    }
    return body;
  }
}
