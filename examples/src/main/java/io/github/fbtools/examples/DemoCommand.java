package io.github.fbtools.examples;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.storyexec.ExecId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * {@code fbtools demo}: copies the embedded sample story into a new folder and runs the library
 * on it, step by step ({@link Demo}).
 */
final class DemoCommand extends SpecCommand {
  private static final String NAME = "fbtools demo";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "demo",
          List.of("demo [--out DIR] [--seed N]"),
          "Run the library on an embedded sample story (start here)",
          "Usage: fbtools demo [--out DIR] [--seed N]\n\n"
              + "Copies an embedded sample story (4 scenes, version 1 and 2 prompts.json files, a\n"
              + "legacy loras.json and a libber, all as the Python fbTools extension writes them) into\n"
              + "a new folder and runs the library on it:\n"
              + Demo.stepList()
              + "Nothing outside the folder is read or written.\n\n"
              + "Options:\n"
              + "  --out DIR   the folder to work in; it must not exist or be empty\n"
              + "              (default: a new folder fbtools-demo-<id> in the temporary folder)\n"
              + "  --seed N    seed for the generated images and ids (default: random)\n"
              + "  -h, --help  show this help\n\n"
              + "Exit codes: 0 every step worked; 1 a step failed; 2 bad arguments or DIR unusable.\n",
          Set.of(),
          Set.of("--out", "--seed"));

  DemoCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    args.expect();
    RandomGenerator random =
        args.option("--seed").isPresent()
            ? new SplittableRandom(args.longOption("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE))
            : io.env().random();
    AtomicFiles files = AtomicFiles.create();
    Path out;
    if (args.option("--out").isPresent()) {
      out = Inputs.path(NAME, "--out", args.option("--out").get());
      checkUsable(out);
    } else {
      out =
          io.env()
              .tempDir()
              .resolve("fbtools-demo-" + ExecId.generate(io.env().clock(), random).value());
      checkUsable(out);
    }
    files.createDirectories(out);
    return new Demo(out.toRealPath(), files, random, io).run();
  }

  private static void checkUsable(Path out) throws UsageException, IOException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException(NAME + ": --out is not a folder: " + out);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
      if (entries.iterator().hasNext()) {
        throw new UsageException(
            NAME + ": --out is not empty: " + out + "; give a new or empty folder");
      }
    }
  }
}
