package io.github.fbtools.examples;

import io.github.fbtools.core.json.FbJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code fbtools collect DIR}: the Stage 2 view of an execution's images ({@link Stage2View}), as
 * a table or as JSON.
 */
final class CollectCommand extends SpecCommand {
  private static final String NAME = "fbtools collect";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "collect",
          List.of("collect DIR [--order N] [--scene NAME] [--json]"),
          "Show an execution's images and the videos of Stage 2",
          "Usage: fbtools collect DIR [--order N] [--scene NAME] [--json]\n\n"
              + "DIR is an execution folder (.../jobs/JOB/executions/EXEC_ID, which holds images/)\n"
              + "or a folder of images. Images are named {order:03d}_{scene}_{variant:02d}.png (the\n"
              + "reference's {order:03d}_{scene}.png is read as variant 0); other entries are counted\n"
              + "and ignored. Images are sorted by numeric order, scene and variant; Stage 2 makes one\n"
              + "video per pair of consecutive scenes, from the first image of a scene to the first\n"
              + "image of the next, named {order}_{scene}_to_{next order}_{next scene}.mp4.\n\n"
              + "Options:\n"
              + "  --order N     only the images of this order\n"
              + "  --scene NAME  only the images of this scene (raw name; slugged as the namer does)\n"
              + "  --json        print {\"dir\", \"images_dir\", \"videos_dir\", \"count\","
              + " \"ignored\",\n"
              + "                \"images\": [...], \"scenes\": {...}, \"videos\": [...]}\n"
              + "  -h, --help    show this help\n\n"
              + "Exit codes: 0 listed (even if empty); 2 DIR is missing or not a folder.\n",
          Set.of("--json"),
          Set.of("--order", "--scene"));

  CollectCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    List<String> p = args.expect("DIR");
    Path dir = Inputs.existingDir(NAME, "DIR", p.get(0));
    Integer order =
        args.option("--order").isPresent()
            ? (int) args.longOption("--order", 0, 0, Integer.MAX_VALUE)
            : null;
    String scene = args.option("--scene").orElse(null);
    Stage2View view = Stage2View.collect(dir, order, scene);
    if (args.flag("--json")) {
      io.out().print(FbJson.write(view.toJson()));
    } else {
      view.lines("").forEach(io.out()::println);
    }
    return Fbtools.EXIT_OK;
  }
}
