package io.github.fbtools.libber.rest;

import java.util.Map;

/**
 * Thrown by a handler to answer with an error response at once. Package-private: the router turns
 * it into its response and nothing else sees it.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApiResponse response;

  ApiException(int status, String message) {
    this(ApiResponse.error(status, message));
  }

  ApiException(int status, String message, Map<String, ?> fields) {
    this(ApiResponse.error(status, message, fields));
  }

  private ApiException(ApiResponse response) {
    super(String.valueOf(response.body().get("error")), null, false, false);
    this.response = response;
  }

  /** Answers with {@code response}, which must be an error. */
  static ApiException of(ApiResponse response) {
    return new ApiException(response);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  ApiResponse response() {
    return response;
  }
}
