package io.github.fbtools.examples;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.storyexec.ImageTensor;
import io.github.fbtools.storyexec.TensorHash;
import io.github.fbtools.storyexec.TensorPng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fbtools hash IMAGE.png...}: the input hash of PNG images, as {@link
 * TensorHash#inputHash(ImageTensor)} computes it for the decoded image ({@link TensorPng#decode}),
 * which is the hash an execution records for that input.
 */
final class HashCommand extends SpecCommand {
  private static final String NAME = "fbtools hash";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "hash",
          List.of("hash IMAGE.png... [--json]"),
          "Print the input hash of PNG images",
          "Usage: fbtools hash IMAGE.png... [--json]\n\n"
              + "Prints the input hash of each PNG: the first 12 hex characters of the SHA-256 of the\n"
              + "decoded image tensor (float32, [1,H,W,C], values b/255), the same value the library's\n"
              + "TensorHash.inputHash gives and an execution records in metadata.json.\n\n"
              + "Output: one line per image, \"HASH  FILE\".\n\n"
              + "Options:\n"
              + "  --json     print {\"images\": [{\"file\", \"input_hash\", \"sha256\", \"shape\"}]}\n"
              + "  -h, --help show this help\n\n"
              + "Exit codes: 0 every image hashed; 2 a file is missing or is not a readable PNG.\n",
          Set.of("--json"),
          Set.of());

  HashCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws UsageException {
    if (args.positionals().isEmpty()) {
      throw new UsageException(NAME + ": missing IMAGE.png");
    }
    List<Path> files = new ArrayList<>();
    for (String arg : args.positionals()) {
      files.add(Inputs.existingFile(NAME, "image", arg));
    }
    List<Object> results = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      ImageTensor tensor;
      try {
        tensor = TensorPng.decode(Inputs.read(NAME, file));
      } catch (IOException | RuntimeException e) {
        throw new UsageException(
            NAME + ": " + file + " is not a readable PNG: " + e.getMessage(), e);
      }
      String hash = TensorHash.inputHash(tensor);
      lines.add(hash + "  " + file);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("file", file.toString());
      r.put("input_hash", hash);
      r.put("sha256", TensorHash.sha256Hex(tensor));
      List<Object> shape = new ArrayList<>();
      for (int d : tensor.shape()) {
        shape.add((long) d);
      }
      r.put("shape", shape);
      results.add(r);
    }
    if (args.flag("--json")) {
      io.out().print(FbJson.write(Map.of("images", results)));
    } else {
      lines.forEach(io.out()::println);
    }
    return Fbtools.EXIT_OK;
  }
}
