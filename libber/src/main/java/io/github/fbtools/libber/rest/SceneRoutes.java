package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.LibberStateManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /fbtools/scene/*} endpoints. */
final class SceneRoutes {
  static final String BASE = "/fbtools/scene/";

  private final LibberStateManager libbers;
  private final ExpansionLimits limits;

  private SceneRoutes(LibberStateManager libbers, ExpansionLimits limits) {
    this.libbers = libbers;
    this.limits = limits;
  }

  static List<Endpoint> endpoints(LibberStateManager libbers, ExpansionLimits limits) {
    SceneRoutes r = new SceneRoutes(libbers, limits);
    return List.of(
        Endpoint.of("POST", BASE + "process_compositions", r::processCompositions, null));
  }

  /**
   * Composes a collection's compositions. Libbers named by prompts come from the sessions given
   * in {@code libber_sessions} (libber name to session id).
   */
  private ApiResponse processCompositions(Call call) {
    Map<String, Object> b = call.body();
    PromptCollection collection = PromptRoutes.collection(b);
    for (PromptMetadata m : collection.prompts().values()) {
      String lib = m.libberName();
      if (m.usesLibber() && lib != null) {
        SafeNames.validate(SafeNames.Kind.LIBBER, lib);
      }
    }
    Map<String, Object> sessions = Fields.optionalObject(b, "libber_sessions");
    LinkedHashMap<String, String> byName = new LinkedHashMap<>();
    if (sessions != null) {
      for (Map.Entry<String, Object> e : sessions.entrySet()) {
        if (!(e.getValue() instanceof String)) {
          throw ApiException.badRequest(
              "libber_sessions values must be session ids (strings), found "
                  + FbJson.typeName(e.getValue()));
        }
        byName.put(e.getKey(), (String) e.getValue());
      }
    }
    LibberSource source = libbers.snapshot(byName);
    Map<String, String> composed = Substitutions.compose(collection, source, limits);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("prompt_dict", composed);
    fields.put("missing_libbers", collection.missingLibbers(source));
    fields.put("status", "Processed " + composed.size() + " compositions");
    return ApiResponse.ok(fields);
  }
}
