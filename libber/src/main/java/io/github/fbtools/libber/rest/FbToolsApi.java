package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.FileBusyException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.FileTooLargeException;
import io.github.fbtools.core.files.NotAFileException;
import io.github.fbtools.core.files.UnsafeLinkException;
import io.github.fbtools.libber.EntryExistsException;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.InvalidSessionIdException;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.SceneStateManager;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.SessionBackend;
import io.github.fbtools.libber.SessionNotFoundException;
import io.github.fbtools.libber.SessionTooLargeException;
import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.TooManySessionsException;
import io.github.fbtools.libber.VersionConflictException;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The fbTools REST API as a plain function, {@link #handle(ApiRequest)}: method, path, query and
 * body in; status and JSON body out. It depends on no HTTP framework, so it mounts in any server
 * ({@link FbToolsHttpServer} mounts it on the JDK's built-in one).
 *
 * <h2>Endpoints</h2>
 *
 * <ul>
 *   <li>prompt collections: {@code POST /fbtools/prompts/create}, {@code …/add}, {@code
 *       …/remove}, {@code …/rename}, {@code …/apply_libber}; {@code GET
 *       /fbtools/prompts/list_names}, {@code …/get};
 *   <li>Libbers: {@code POST /fbtools/libber/create}, {@code …/add_lib}, {@code …/remove_lib},
 *       {@code …/apply}, {@code …/load}, {@code …/save}; {@code GET /fbtools/libber/keys},
 *       {@code …/get_lib/{key}}, {@code …/get_data}, {@code …/list};
 *   <li>scenes: {@code POST /fbtools/scene/process_compositions}, {@code …/open}, {@code
 *       …/update_prompts}, {@code …/update_metadata}, {@code …/update_loras}, {@code
 *       …/save_metadata}, {@code …/save_scene_prompts}; {@code GET /fbtools/scene/get}, {@code
 *       …/list}, {@code …/list_scenes/{story_name}}, {@code …/get_scene_prompts}; {@code GET
 *       /fbtools/prompts/discover/{scene_name}};
 *   <li>stories: {@code GET /fbtools/story/list};
 *   <li>{@code POST /fbtools/session/close}, which ends a session of any kind;
 *   <li>{@code GET /fbtools/openapi.json}: the OpenAPI 3.1 document of all of them (the project's
 *       {@code docs/openapi.json}).
 * </ul>
 *
 * <p>The router checks no HTTP header: the browser-facing rules ({@code Host}, {@code Origin},
 * content type, token) are {@link FbToolsHttpServer}'s; a server that mounts the router itself
 * must apply its own.
 *
 * <p>The endpoints that read or write files work under the data folders set with {@link
 * Builder#root} or {@link Builder#roots} (created if missing); without them they answer 503.
 * Every file goes through core's {@code LibberFiles}, {@code SceneFiles}, {@code StoryFiles} and
 * {@code PromptFiles}; requests carry names only.
 *
 * <p>The full table, with request and response examples, is in the project's {@code
 * docs/rest.md}; {@link #endpoints()} lists what this instance serves.
 *
 * <h2>Answers</h2>
 *
 * <p>Every body is a JSON object. A success is a 200 with {@code "success": true}, the {@code
 * session_id}, the session's {@code version} (0 at creation, one more per mutation) and the new
 * state. Errors have one shape, {@code {"success": false, "error": "..."}}:
 *
 * <ul>
 *   <li>400: bad input: a body that is not a JSON object, a missing field or one of the wrong
 *       type, a malformed session id, the id of another kind of session than the endpoint needs
 *       (the message says which kind it is), a refused name (also another spelling, in Unicode
 *       NFC, of a name that exists on disk), a Libber expansion refused by its limits (the
 *       message names the key chain);
 *   <li>404: unknown or expired session, unknown entry, unknown endpoint;
 *   <li>405: known path, other method (with an {@code Allow} header);
 *   <li>409: stale {@code expected_version}, a name already taken, a file changed on disk since
 *       the session loaded or saved it (unless {@code "force": true}), or a v1 backup that would
 *       have to change; with a session the body also carries {@code session_id}, {@code version}
 *       and the current state, and nothing was changed or written;
 *   <li>413: a body over the size limit (default 1 MiB), or a session grown over its size limit;
 *   <li>422: a file on the server is corrupt, is a symbolic link that dangles or leaves its
 *       folder, or is a folder where a file is expected; the message names it relative to the
 *       data folders (never by an absolute path), with line, column and JSON path where they
 *       apply;
 *   <li>503: the session store is full ({@code Retry-After: 30}), no data folders are
 *       configured, another writer holds a file's lock ({@code Retry-After: 1}; nothing was
 *       written), the JVM ran out of memory answering ({@code Retry-After: 5}), or the session
 *       storage cannot be reached, such as a Redis server that is down ({@code Retry-After} from
 *       the storage, and the one-line reason; no file is written for such a request);
 *   <li>500: a fault of the server itself, including a failed disk read or write or a data
 *       folder replaced since start-up (nothing is read or written through it), logged with
 *       {@link System.Logger}; the body never holds a stack trace or a path.
 * </ul>
 *
 * <pre>{@code
 * FbToolsApi api = FbToolsApi.builder().build();
 * ApiResponse created = api.handle(ApiRequest.post("/fbtools/prompts/create", "{}"));
 * String id = (String) created.body().get("session_id");
 * api.handle(ApiRequest.post("/fbtools/prompts/add",
 *     "{\"session_id\": \"" + id + "\", \"prompt_name\": \"girl_pos\", \"prompt_value\": \"smiling\"}"));
 * }</pre>
 *
 * <p>This class is thread-safe: any number of threads may call {@link #handle} at once.
 *
 * <p>Why this class is long: besides the router it holds the
 * one mapping from every exception of the library to a status and message of the REST error
 * shape (kept in one place so that no endpoint answers differently), and its public {@link
 * Builder}. The endpoints themselves are in their route classes ({@code LibberRoutes}, {@code
 * PromptRoutes}, {@code SceneRoutes}, {@code SceneFolderRoutes}, {@code SessionRoutes}).
 */
public final class FbToolsApi {
  /** The default limit on request bodies: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /**
   * The default limits on Libber substitutions in answers: 1 Mi chars of output (for one
   * substitution and for a whole answer) and 1,000,000 expansion steps.
   */
  public static final ExpansionLimits DEFAULT_EXPANSION_LIMITS =
      new ExpansionLimits(1 << 20, 1_000_000);

  /** The {@code Retry-After} of a 503 for a full session store, in seconds. */
  static final long FULL_STORE_RETRY_AFTER_SECONDS = 30;

  private static final System.Logger LOG = System.getLogger(FbToolsApi.class.getName());

  private final List<Endpoint> endpoints;
  private final int maxBodyBytes;
  private final PromptStateManager promptSessions;
  private final LibberStateManager libberSessions;
  private final ExpansionLimits expansionLimits;
  private final SceneStateManager sceneSessions;
  private final Disk disk;
  private final SessionRoutes sessionRoutes;

  private FbToolsApi(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    SessionBackend backend = b.backend;
    this.promptSessions =
        b.promptSessions != null
            ? b.promptSessions
            : backend != null
                ? PromptStateManager.over(backend.storage(PromptStateManager.codec()))
                : PromptStateManager.create();
    this.libberSessions =
        b.libberSessions != null
            ? b.libberSessions
            : backend != null
                ? LibberStateManager.over(backend.storage(LibberStateManager.codec()))
                : LibberStateManager.create();
    this.expansionLimits = b.expansionLimits;
    this.sceneSessions =
        b.sceneSessions != null
            ? b.sceneSessions
            : backend != null
                ? SceneStateManager.over(backend.storage(SceneStateManager.codec()))
                : SceneStateManager.create();
    this.disk = new Disk(b.roots, b.files);
    List<Endpoint> all = new ArrayList<>();
    all.addAll(PromptRoutes.endpoints(promptSessions, libberSessions, expansionLimits, disk));
    all.addAll(LibberRoutes.endpoints(libberSessions, expansionLimits, disk));
    all.addAll(SceneRoutes.endpoints(libberSessions, sceneSessions, expansionLimits, disk));
    this.sessionRoutes = new SessionRoutes(promptSessions, libberSessions, sceneSessions);
    all.addAll(sessionRoutes.endpoints());
    all.addAll(OpenApi.endpoints());
    this.endpoints = ImmutableList.copyOf(all);
  }

  /**
   * Returns a builder: new prompt sessions with the default limits, 1 MiB bodies.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers one request. Never throws: every failure becomes an error response.
   *
   * @param request the request
   * @return the response
   */
  public ApiResponse handle(ApiRequest request) {
    checkNotNull(request, "request must not be null");
    @Nullable Endpoint endpoint = null;
    @Nullable Call call = null;
    try {
      if (request.bodyLength() > maxBodyBytes) {
        return ApiResponse.error(
            413,
            "the request body is "
                + request.bodyLength()
                + " bytes, over the limit of "
                + maxBodyBytes);
      }
      List<String> path = segments(request.path());
      Set<String> allowed = new LinkedHashSet<>();
      Map<String, String> params = null;
      for (Endpoint e : endpoints) {
        Map<String, String> p = e.match(path);
        if (p != null) {
          if (e.method().equals(request.method())) {
            endpoint = e;
            params = p;
            break;
          }
          allowed.add(e.method());
        }
      }
      if (endpoint == null || params == null) {
        if (!allowed.isEmpty()) {
          return ApiResponse.error(
                  405,
                  "method "
                      + InvalidNameException.echo(request.method())
                      + " is not allowed here; use "
                      + String.join(" or ", allowed))
              .withHeader("Allow", String.join(", ", allowed));
        }
        return ApiResponse.error(
            404, "no endpoint " + InvalidNameException.echo(request.path()));
      }
      call = new Call(request, params);
      return endpoint.handler().handle(call);
    } catch (ApiException e) {
      return e.response();
    } catch (FormatException e) {
      Optional<String> file = e.file();
      if (file.isPresent()) {
        return ApiResponse.error(422, corrupt(file.get(), e));
      }
      return ApiResponse.error(400, e.getMessage());
    } catch (InvalidSessionIdException | InvalidNameException e) {
      return ApiResponse.error(400, e.getMessage());
    } catch (LibberExpansionException e) {
      return ApiResponse.error(400, e.getMessage());
    } catch (SessionNotFoundException e) {
      String mismatch = kindMismatch(endpoint, call);
      return mismatch != null
          ? ApiResponse.error(400, mismatch)
          : ApiResponse.error(404, e.getMessage());
    } catch (EntryNotFoundException e) {
      return ApiResponse.error(404, e.getMessage());
    } catch (VersionConflictException e) {
      return conflict(endpoint, e);
    } catch (EntryExistsException e) {
      return ApiResponse.error(409, e.getMessage());
    } catch (SessionTooLargeException e) {
      return ApiResponse.error(413, e.getMessage());
    } catch (TooManySessionsException e) {
      return ApiResponse.error(
              503,
              e.getMessage()
                  + "; close sessions you no longer need (POST /fbtools/session/close) or try"
                  + " again later")
          .withHeader("Retry-After", Long.toString(FULL_STORE_RETRY_AFTER_SECONDS));
    } catch (StorageUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "session storage unavailable: " + e.getMessage());
      return ApiResponse.error(503, e.getMessage())
          .withHeader("Retry-After", retryAfterSeconds(e));
    } catch (FileBusyException e) {
      return ApiResponse.error(
              503,
              fileName(e.getFile())
                  + " is being written by another writer; nothing was written, try again")
          .withHeader("Retry-After", "1");
    } catch (FileChangedException e) {
      return ApiResponse.error(
          409, fileName(e.getFile()) + " changed on disk meanwhile; nothing was written");
    } catch (BackupConflictException e) {
      return ApiResponse.error(
          409, fileName(e.getFile()) + ": its v1 backup would have to change; nothing was written");
    } catch (FileTooLargeException e) {
      return ApiResponse.error(
          413,
          fileName(e.getFile())
              + " would be over the limits of its kind ("
              + e.kind().maxBytes()
              + " bytes, "
              + e.kind().maxTokens()
              + " JSON tokens); nothing was written");
    } catch (UnsafeLinkException e) {
      return ApiResponse.error(
          422,
          fileName(e.getFile())
              + " on the server is a symbolic link that dangles or leads out of its folder;"
              + " nothing was read or written through it");
    } catch (NotDirectoryException e) {
      return ApiResponse.error(
          422, fileName(e.getFile()) + " on the server is not a folder; nothing was written");
    } catch (DataRoots.MovedException e) {
      LOG.log(System.Logger.Level.ERROR, e.getMessage());
      return ApiResponse.error(
          500,
          "a data folder of the server was replaced after start-up; nothing was read or written"
              + " (details are in the server log)");
    } catch (NotAFileException e) {
      return ApiResponse.error(
          422,
          fileName(e.getFile())
              + " on the server "
              + (String.valueOf(e.getReason()).startsWith("is a folder")
                  ? "is a folder where a file is expected"
                  : "is not a regular file")
              + "; nothing was written");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "I/O error answering " + request, e);
      return ApiResponse.error(
          500, "the server could not read or write its files (details are in the server log)");
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "internal error answering " + request, e);
      return ApiResponse.error(500, "internal server error (details are in the server log)");
    } catch (OutOfMemoryError e) {
      // Whatever the handler held is garbage now; the worker and the other sessions live on.
      return ApiResponse.error(
              503,
              "the server ran out of memory answering this request; nothing was changed by it")
          .withHeader("Retry-After", "5");
    }
  }

  /** The message for a session id of another kind than the endpoint needs, or null. */
  @Nullable
  private String kindMismatch(@Nullable Endpoint endpoint, @Nullable Call call) {
    if (endpoint == null || call == null) {
      return null;
    }
    String needed = SessionRoutes.kindNeeded(endpoint.template());
    String fromQuery = sessionRoutes.mismatch(needed, call.query());
    if (fromQuery != null || !call.request().method().equals("POST")) {
      return fromQuery;
    }
    try {
      return sessionRoutes.mismatch(needed, call.body());
    } catch (ApiException e) {
      return null;
    }
  }

  /** Whole seconds, at least 1, for a {@code Retry-After} header. */
  static String retryAfterSeconds(StorageUnavailableException e) {
    long ms = e.retryAfter().toMillis();
    return Long.toString(Math.max(1, (ms + 999) / 1000));
  }

  /** Names a file relative to the data roots; never an absolute path. */
  private String fileName(@Nullable String file) {
    DataRoots roots = disk.configured();
    if (file == null) {
      return "a file";
    }
    return roots == null ? "a file" : roots.relative(file);
  }

  /** The message of a corrupt file: its name relative to the roots, line, column, JSON path. */
  private String corrupt(String file, FormatException e) {
    StringBuilder sb = new StringBuilder(fileName(file)).append(" on the server is not valid: ");
    if (e.line() > 0) {
      sb.append("line ").append(e.line());
      if (e.column() > 0) {
        sb.append(':').append(e.column());
      }
      sb.append(' ');
    }
    e.path().ifPresent(p -> sb.append("at ").append(p.isEmpty() ? "/" : p).append(' '));
    return sb.append("(").append(e.reason()).append(")").toString();
  }

  private static ApiResponse conflict(@Nullable Endpoint endpoint, VersionConflictException e) {
    Session<?> current = e.current();
    Function<Object, Map<String, Object>> view = endpoint == null ? null : endpoint.stateFields();
    Map<String, Object> state = view == null ? Map.of() : view.apply(current.state());
    return ApiResponse.error(409, e.getMessage(), Routes.sessionFields(current, state));
  }

  /** Splits a raw path on '/' and percent-decodes each segment; 400 if malformed. */
  private static List<String> segments(String rawPath) {
    if (!rawPath.startsWith("/")) {
      throw ApiException.badRequest("the path must start with '/'");
    }
    List<String> out = new ArrayList<>();
    for (String s : rawPath.substring(1).split("/", -1)) {
      try {
        out.add(ApiRequest.decode(s, false));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("malformed path: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Lists the endpoints this instance serves, as {@code "METHOD /path"} with {@code {parameter}}
   * placeholders, in registration order.
   *
   * @return an unmodifiable list
   */
  public List<String> endpoints() {
    List<String> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      out.add(e.method() + " " + e.template());
    }
    return List.copyOf(out);
  }

  /**
   * Returns the limit on request bodies.
   *
   * @return the limit in bytes
   */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Returns the prompt sessions this instance edits.
   *
   * @return the prompt sessions
   */
  public PromptStateManager promptSessions() {
    return promptSessions;
  }

  /**
   * Returns the Libber sessions this instance edits.
   *
   * @return the Libber sessions
   */
  public LibberStateManager libberSessions() {
    return libberSessions;
  }

  /**
   * Returns the scene sessions this instance edits.
   *
   * @return the scene sessions
   */
  public SceneStateManager sceneSessions() {
    return sceneSessions;
  }

  /**
   * Returns the Libber folder the file endpoints use.
   *
   * @return its real path, or empty if no data folders are configured
   */
  public Optional<Path> libberDir() {
    DataRoots r = disk.configured();
    return r == null ? Optional.empty() : Optional.of(r.libbers());
  }

  /**
   * Returns the folder of scene folders the file endpoints use.
   *
   * @return its real path, or empty if no data folders are configured
   */
  public Optional<Path> scenesRoot() {
    DataRoots r = disk.configured();
    return r == null ? Optional.empty() : Optional.of(r.scenes());
  }

  /**
   * Returns the folder of story folders the file endpoints use.
   *
   * @return its real path, or empty if no data folders are configured
   */
  public Optional<Path> storiesRoot() {
    DataRoots r = disk.configured();
    return r == null ? Optional.empty() : Optional.of(r.stories());
  }

  /**
   * Returns the limits on Libber substitutions in answers.
   *
   * @return the limits
   */
  public ExpansionLimits expansionLimits() {
    return expansionLimits;
  }

  /**
   * Configures an {@link FbToolsApi}.
   *
   * <pre>{@code
   * FbToolsApi api = FbToolsApi.builder()
   *     .promptSessions(
   *         PromptStateManager.over(PromptStateManager.storeBuilder().maxSessions(100).build()))
   *     .maxBodyBytes(256 * 1024)
   *     .build();
   * }</pre>
   *
   * <p>A builder is not thread-safe; the API it builds is.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private ExpansionLimits expansionLimits = DEFAULT_EXPANSION_LIMITS;
    @Nullable private PromptStateManager promptSessions;
    @Nullable private LibberStateManager libberSessions;
    @Nullable private SceneStateManager sceneSessions;
    @Nullable private SessionBackend backend;
    @Nullable private DataRoots roots;
    private AtomicFiles files = AtomicFiles.create();

    private Builder() {}

    /**
     * Sets the data folders to {@code <root>/libbers}, {@code <root>/scenes} and {@code
     * <root>/stories}, creating any that is missing (through {@link AtomicFiles}). Without data
     * folders, the endpoints that read or write files answer 503.
     *
     * @param root the data root; created if missing
     * @return this builder
     * @throws IOException if a folder cannot be created or resolved
     */
    public Builder root(Path root) throws IOException {
      checkNotNull(root, "root must not be null");
      once.checkNotSet("roots", root);
      this.roots = DataRoots.under(root, files);
      once.set("roots", root);
      return this;
    }

    /**
     * Sets the three data folders separately, creating any that is missing.
     *
     * @param libberDir the folder of {@code <name>.json} Libber files
     * @param scenesRoot the folder of scene folders
     * @param storiesRoot the folder of story folders
     * @return this builder
     * @throws IOException if a folder cannot be created or resolved
     */
    public Builder roots(Path libberDir, Path scenesRoot, Path storiesRoot) throws IOException {
      checkNotNull(libberDir, "libberDir must not be null");
      checkNotNull(scenesRoot, "scenesRoot must not be null");
      checkNotNull(storiesRoot, "storiesRoot must not be null");
      once.checkNotSet("roots", List.of(libberDir, scenesRoot, storiesRoot));
      this.roots = DataRoots.of(libberDir, scenesRoot, storiesRoot, files);
      once.set("roots", List.of(libberDir, scenesRoot, storiesRoot));
      return this;
    }

    /**
     * Sets the atomic writer every file endpoint reads and writes through (its file-operations
     * seam and lock timeout; default {@link AtomicFiles#create()}). Call it before {@link #root}
     * or {@link #roots}, which create missing folders through it.
     *
     * @param atomicFiles the writer
     * @return this builder
     */
    public Builder files(AtomicFiles atomicFiles) {
      once.set("files", atomicFiles);
      this.files = checkNotNull(atomicFiles, "atomicFiles must not be null");
      return this;
    }

    /**
     * Keeps the sessions of every kind in {@code backend}, such as a Redis server shared with
     * other servers ({@code io.github.fbtools.redis.RedisSessionBackend}), instead of in this
     * process's memory. A manager set with {@link #promptSessions}, {@link #libberSessions} or
     * {@link #sceneSessions} takes precedence for its kind.
     *
     * @param sessionBackend where sessions live
     * @return this builder
     */
    public Builder sessionBackend(SessionBackend sessionBackend) {
      once.set("sessionBackend", sessionBackend);
      this.backend = checkNotNull(sessionBackend, "sessionBackend must not be null");
      return this;
    }

    /**
     * Sets the scene sessions to serve (default: {@link SceneStateManager#create()}, or the
     * {@linkplain #sessionBackend backend}'s).
     *
     * @param sessions the sessions
     * @return this builder
     */
    public Builder sceneSessions(SceneStateManager sessions) {
      once.set("sceneSessions", sessions);
      this.sceneSessions = checkNotNull(sessions, "sessions must not be null");
      return this;
    }

    /**
     * Sets the prompt sessions to serve (default: {@link PromptStateManager#create()}, or the
     * {@linkplain #sessionBackend backend}'s).
     *
     * @param sessions the sessions
     * @return this builder
     */
    public Builder promptSessions(PromptStateManager sessions) {
      once.set("promptSessions", sessions);
      this.promptSessions = checkNotNull(sessions, "sessions must not be null");
      return this;
    }

    /**
     * Sets the Libber sessions to serve (default: {@link LibberStateManager#create()}, or the
     * {@linkplain #sessionBackend backend}'s).
     *
     * @param sessions the sessions
     * @return this builder
     */
    public Builder libberSessions(LibberStateManager sessions) {
      once.set("libberSessions", sessions);
      this.libberSessions = checkNotNull(sessions, "sessions must not be null");
      return this;
    }

    /**
     * Sets the limits on Libber substitutions: each substitution, and each answer as a whole,
     * must stay within them, or the request gets 400 naming the key chain (default {@link
     * #DEFAULT_EXPANSION_LIMITS}).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder expansionLimits(ExpansionLimits limits) {
      once.set("expansionLimits", limits);
      this.expansionLimits = checkNotNull(limits, "limits must not be null");
      return this;
    }

    /**
     * Sets the largest request body accepted; larger ones get 413 (default 1 MiB).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxBodyBytes(int max) {
      checkArgument(max >= 1, "maxBodyBytes must be >= 1: %s", max);
      once.set("maxBodyBytes", max);
      this.maxBodyBytes = max;
      return this;
    }

    /**
     * Builds the API.
     *
     * @return a new API
     */
    public FbToolsApi build() {
      return new FbToolsApi(this);
    }
  }
}
