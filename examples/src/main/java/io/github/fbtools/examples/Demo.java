package io.github.fbtools.examples;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptNames;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import io.github.fbtools.core.files.StoryPromptNames;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationReport;
import io.github.fbtools.migration.MigrationResult;
import io.github.fbtools.migration.PromptMigrator;
import io.github.fbtools.migration.VerificationResult;
import io.github.fbtools.storyexec.ExecutionContext;
import io.github.fbtools.storyexec.ExecutionInit;
import io.github.fbtools.storyexec.ExecutionLayout;
import io.github.fbtools.storyexec.ImageTensor;
import io.github.fbtools.storyexec.ResolvedPaths;
import io.github.fbtools.storyexec.StoryImageNamer;
import io.github.fbtools.storyexec.StoryPathResolver;
import io.github.fbtools.storyexec.TensorHash;
import io.github.fbtools.storyexec.TensorPng;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One run of the demo in its folder: the steps, what they found and where they wrote it.
 *
 * <p>Each step prints a header {@code [i/n] ...} and its details; a failed step stops the demo
 * with exit code 1 and a one-line message on stderr.
 */
final class Demo {
  /** A step of the demo. */
  private interface Body {
    void run() throws Exception;
  }

  private record Step(String title, Body body) {}

  private static final String INDENT = "      ";

  /** The job the demo's execution belongs to. */
  static final String JOB = "demo";

  /** Image variants per scene. */
  static final int VARIANTS = 2;

  private final Path root;
  private final AtomicFiles files;
  private final PromptFiles promptFiles;
  private final RandomGenerator random;
  private final PrintStream out;
  private final Io io;

  private final Path scenesRoot;
  private final Path libbersDir;
  private final Path storyRoot;

  private StoryInfo story = StoryInfo.of("", "", List.of());
  private LibberSource libbers = LibberSource.none();
  private final Map<String, String> composed = new LinkedHashMap<>();
  private int missingNames;
  private int migrated;
  private ExecutionContext exec;
  private int imagesWritten;
  private Stage2View collected;

  Demo(Path root, AtomicFiles files, RandomGenerator random, Io io) {
    this.root = root;
    this.files = files;
    this.promptFiles = PromptFiles.using(files);
    this.random = random;
    this.out = io.out();
    this.io = io;
    this.scenesRoot = root.resolve(SampleStory.SCENES);
    this.libbersDir = root.resolve(SampleStory.LIBBERS);
    this.storyRoot = root.resolve(SampleStory.STORIES).resolve(SampleStory.STORY);
  }

  private List<Step> steps() {
    return List.of(
        new Step("Copied the sample story, as the Python extension wrote it", this::copy),
        new Step("Migrated prompts.json to version 2, non-destructively", this::migrate),
        new Step("Prompt names per scene", this::names),
        new Step("Composed each scene's prompt, with libber substitution", this::compose),
        new Step("Started an execution (Stage 1)", this::execution),
        new Step("Wrote " + VARIANTS + " image variants per scene, named by the namer and resolver",
            this::images),
        new Step("Collected the images: the Stage 2 view", this::stage2));
  }

  /** The steps, one per line, for the help text. */
  static String stepList() {
    return "  1. copy the sample story into the folder\n"
        + "  2. migrate the version 1 prompts.json files to version 2, keeping backups, and\n"
        + "     verify them\n"
        + "  3. list the prompt names per scene, and the names some scenes lack\n"
        + "  4. compose each scene's prompt with libber substitution (%key%)\n"
        + "  5. start an execution: exec id, input hash of a generated input image, folders,\n"
        + "     metadata.json\n"
        + "  6. write "
        + VARIANTS
        + " small generated PNGs per scene, named by the namer and resolver\n"
        + "  7. collect them, and name the videos Stage 2 makes between scenes\n";
  }

  int run() {
    List<Step> steps = steps();
    out.println(
        "fbtools demo: the sample story \""
            + SampleStory.STORY
            + "\" in "
            + root);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      out.println();
      out.println("[" + (i + 1) + "/" + steps.size() + "] " + step.title());
      try {
        step.body().run();
      } catch (Exception e) {
        String message = Text.oneLine(String.valueOf(e.getMessage()));
        out.println(INDENT + "FAILED: " + message);
        io.err()
            .println(
                "fbtools demo: step " + (i + 1) + " (" + step.title() + ") failed: " + message);
        return Fbtools.EXIT_FAILED;
      }
    }
    summary();
    return Fbtools.EXIT_OK;
  }

  // ---------------------------------------------------------------------------------------------
  // Steps

  private void copy() throws IOException {
    List<Path> written = SampleStory.copyTo(root, files);
    for (Path p : written) {
      out.println(INDENT + rel(p) + "  (" + describe(p) + ")");
    }
    story =
        StoryFiles.using(files)
            .load(root.resolve(SampleStory.STORIES), SampleStory.STORY)
            .orElseThrow(() -> new IllegalStateException("the sample story is missing"))
            .story();
    libbers = loadLibbers();
    out.println(
        INDENT
            + "story \""
            + story.storyName()
            + "\": "
            + Text.count(story.scenes().size(), "scene")
            + " ("
            + String.join(", ", sceneNames())
            + ")");
  }

  private void migrate() throws IOException {
    PromptMigrator migrator = PromptMigrator.builder().files(files).build();
    MigrationReport report = migrator.migrateTree(scenesRoot);
    MigrateCommand.lines(report, false).forEach(l -> out.println(INDENT + l));
    if (report.hasFailures()) {
      throw new IllegalStateException(
          Text.count(report.failures().size(), "file") + " could not be migrated");
    }
    migrated = report.count(MigrationResult.Outcome.MIGRATED);
    for (MigrationResult r : report.results()) {
      if (r.outcome() == MigrationResult.Outcome.MIGRATED) {
        // The backup holds the original bytes, exactly as the sample (Python) wrote them.
        Path backup = r.file().resolveSibling(PromptFiles.V1_BACKUP_NAME);
        String original = SampleStory.SCENES + "/" + r.path();
        if (!Arrays.equals(Files.readAllBytes(backup), SampleStory.bytes(original))) {
          throw new IllegalStateException(rel(backup) + " does not hold the original bytes");
        }
      }
    }
    List<VerificationResult> verified = migrator.verifyTree(scenesRoot);
    long ok = verified.stream().filter(VerificationResult::ok).count();
    out.println(INDENT + "verify: " + ok + " of " + verified.size() + " scenes ok (version 2, "
        + "v1_backup equal to " + PromptFiles.V1_BACKUP_NAME + ")");
    if (ok != verified.size()) {
      throw new IllegalStateException("verify found problems: " + verified);
    }
  }

  private void names() throws IOException {
    PromptNames.Index index = StoryPromptNames.inStory(story, scenesRoot);
    List<List<String>> rows = new ArrayList<>();
    index.byScene().forEach((scene, names) -> rows.add(List.of(scene, String.join(", ", names))));
    Text.table(INDENT, rows).forEach(out::println);
    List<List<String>> missing = new ArrayList<>();
    for (String name : index.names()) {
      List<String> without = index.scenesWithout(name);
      if (!without.isEmpty()) {
        missing.add(List.of(name, "missing in " + String.join(", ", without)));
      }
    }
    missingNames = missing.size();
    out.println(INDENT + "Names missing in some scenes: " + missing.size());
    Text.table(INDENT + "  ", missing).forEach(out::println);
  }

  private void compose() throws IOException {
    SceneFiles sceneFiles = SceneFiles.using(files);
    List<List<String>> rows = new ArrayList<>();
    List<String> loraLines = new ArrayList<>();
    for (SceneInStory scene : story.scenesInOrder()) {
      SceneFiles.Loaded loaded =
          sceneFiles
              .load(scenesRoot, scene.sceneName())
              .orElseThrow(
                  () -> new IllegalStateException("scene " + scene.sceneName() + " is missing"));
      PromptCollection collection = loaded.scene().prompts();
      List<String> missing = collection.missingLibbers(libbers);
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "scene " + scene.sceneName() + " uses missing libbers " + missing);
      }
      String text = storyPrompt(scene, collection);
      composed.put(scene.sceneName(), text);
      rows.add(
          List.of(scene.sceneName(), scene.promptSource() + " " + scene.promptKey() + ":", text));
      if (loaded.loraSource() == SceneFiles.LoraSource.LEGACY_LORAS) {
        List<String> parts = new ArrayList<>();
        for (LoraEntry e : loaded.scene().loras()) {
          parts.add(e.lora() + " (" + e.modelTarget() + ", " + e.strengthModel() + ")");
        }
        loraLines.add(
            scene.sceneName()
                + ": legacy loras.json read (not rewritten) as "
                + Text.count(parts.size(), "LoRA")
                + ": "
                + String.join(", ", parts));
      }
    }
    Text.table(INDENT, rows).forEach(out::println);
    loraLines.forEach(l -> out.println(INDENT + l));
  }

  private void execution() throws IOException {
    // A generated image saved as PNG, as ComfyUI loads one: the hash is of the decoded image, so
    // hashing the saved input/source_<hash>.png later (fbtools hash) gives the same value.
    ImageTensor input = DemoImages.input(random);
    byte[] png = TensorPng.encode(input);
    ExecutionInit init =
        ExecutionInit.builder().clock(io.env().clock()).random(random).files(files).build();
    exec = init.init(storyRoot, story.storyName(), JOB, null, png, story.scenes().size());
    String saved =
        TensorHash.inputHash(TensorPng.decode(Files.readAllBytes(exec.sourceImage())));
    if (!saved.equals(exec.inputHash())) {
      throw new IllegalStateException(
          "the saved input image hashes to " + saved + ", metadata.json says " + exec.inputHash());
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("exec id", exec.execId().value()));
    rows.add(List.of("input hash", exec.inputHash() + "  (of the generated "
        + input.width() + "x" + input.height() + " input image; its saved PNG hashes the same)"));
    rows.add(List.of("folder", rel(exec.root()) + "/"));
    rows.add(List.of("input", rel(exec.sourceImage())));
    rows.add(List.of("images", rel(exec.imagesDir()) + "/"));
    rows.add(List.of("videos", rel(exec.videosDir()) + "/"));
    Path metadata = exec.root().resolve(ExecutionLayout.METADATA);
    rows.add(List.of("metadata.json",
        FbJson.writeCompact(FbJson.parseObject(Files.readAllBytes(metadata)))));
    Text.table(INDENT, rows).forEach(out::println);
  }

  private void images() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<SceneInStory> scenes = story.scenesInOrder();
    for (int s = 0; s < scenes.size(); s++) {
      SceneInStory scene = scenes.get(s);
      List<String> names = new ArrayList<>();
      for (int variant = 0; variant < VARIANTS; variant++) {
        String prefix = StoryImageNamer.prefix(scene.sceneOrder(), scene.sceneName(), variant);
        ResolvedPaths paths =
            StoryPathResolver.resolve(exec.imagesDir(), prefix, "png", exec.storyRoot());
        files.write(paths.absFilepath(), TensorPng.encode(DemoImages.scene(s, variant, random)));
        imagesWritten++;
        names.add(variant == 0 ? paths.relFilepath() : paths.basenameWithExt());
      }
      rows.add(List.of(scene.sceneName(), String.join(", ", names)));
    }
    Text.table(INDENT, rows).forEach(out::println);
    out.println(INDENT + "(paths relative to the story folder "
        + rel(exec.storyRoot()) + "/)");
  }

  private void stage2() throws IOException {
    collected = Stage2View.collect(exec.root(), null, null);
    collected.lines(INDENT).forEach(out::println);
    int scenes = story.scenes().size();
    if (collected.images().count() != imagesWritten
        || collected.images().transitions().size() != scenes - 1) {
      throw new IllegalStateException(
          "expected " + imagesWritten + " images and " + (scenes - 1) + " videos, found "
              + collected.images().count() + " and " + collected.images().transitions().size());
    }
  }

  /** The prompt the story uses for a scene: a prompt, a composition or the custom text. */
  private String storyPrompt(SceneInStory scene, PromptCollection collection) {
    switch (scene.promptSource()) {
      case "composition":
        return collection
            .compose(libbers)
            .getOrDefault(scene.promptKey(), "");
      case "custom":
        return scene.customPrompt();
      default:
        return collection.resolvedValue(scene.promptKey(), libbers).orElse("");
    }
  }

  private void summary() {
    out.println();
    out.println(
        "Done: "
            + Text.count(story.scenes().size(), "scene")
            + " ("
            + migrated
            + " migrated to version 2), "
            + Text.count(composed.size(), "prompt")
            + " composed ("
            + Text.count(missingNames, "prompt name")
            + " missing in some scenes), execution "
            + exec.execId().value()
            + ", "
            + Text.count(imagesWritten, "image")
            + ", "
            + Text.count(collected.images().transitions().size(), "video")
            + " for Stage 2.");
    out.println("Everything is in " + root + ":");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(SampleStory.LIBBERS + "/", "the libber " + SampleStory.LIBBER + ".json"));
    rows.add(
        List.of(
            SampleStory.SCENES + "/",
            "one folder per scene: prompts.json (version 2), and "
                + PromptFiles.V1_BACKUP_NAME
                + " in the "
                + migrated
                + " migrated ones"));
    rows.add(List.of(rel(storyRoot) + "/", "story.json, and the execution under "
        + rel(storyRoot.resolve(ExecutionLayout.JOBS).resolve(JOB)
            .resolve(ExecutionLayout.EXECUTIONS)) + "/"));
    Text.table("  ", rows).forEach(out::println);
    out.println("Next (fbtools is java -jar examples/target/fbtools.jar):");
    out.println("      fbtools collect " + exec.root());
    out.println("      fbtools libber check " + libbersDir.resolve(SampleStory.LIBBER + ".json"));
    out.println("      fbtools hash " + exec.sourceImage());
    out.println("      fbtools verify " + scenesRoot);
    out.println("      fbtools serve --root " + root);
    out.println("        and open the editor on this folder: http://127.0.0.1:"
        + ServeCommand.DEFAULT_PORT + EDITOR_PATH + "?scene=" + firstScene());
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Where {@code fbtools serve} serves the browser editor. */
  static final String EDITOR_PATH = "/fbtools/editor/";

  private String firstScene() {
    List<String> names = sceneNames();
    return names.isEmpty() ? "" : names.get(0);
  }

  private List<String> sceneNames() {
    List<String> names = new ArrayList<>();
    for (SceneInStory s : story.scenesInOrder()) {
      names.add(s.sceneName());
    }
    return names;
  }

  private LibberSource loadLibbers() throws IOException {
    LibberFiles libberFiles = LibberFiles.using(files);
    Map<String, Libber> map = new LinkedHashMap<>();
    for (String name : libberFiles.list(libbersDir)) {
      libberFiles.load(libbersDir, name).ifPresent(l -> map.put(name, l.libber()));
    }
    return LibberSource.of(map);
  }

  private String describe(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    Path dir = file.getParent();
    if (dir != null && name.equals(PromptFiles.FILE_NAME)) {
      PromptFiles.Loaded loaded = promptFiles.load(dir);
      return "prompts.json " + (loaded.state() == PromptFiles.State.V1 ? "version 1" : "version 2");
    }
    if (name.equals("loras.json")) {
      return "legacy LoRA file";
    }
    if (name.equals("story.json")) {
      return "story";
    }
    return "libber";
  }

  private String rel(Path p) {
    List<String> parts = new ArrayList<>();
    root.relativize(p).forEach(e -> parts.add(e.toString()));
    return String.join("/", parts);
  }
}
