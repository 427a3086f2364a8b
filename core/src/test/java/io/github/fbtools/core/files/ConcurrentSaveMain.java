package io.github.fbtools.core.files;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link AtomicFilesConcurrencyTest}: prints {@code ready}, waits for a line
 * on stdin, saves {@code <file>} {@code <count>} times as writer {@code <id>}, then prints {@code
 * done <saved> <busy>}. Exit 0 on success; 2 on any exception other than {@link
 * FileBusyException}; 3 if a busy exception came before the lock timeout.
 */
final class ConcurrentSaveMain {
  private ConcurrentSaveMain() {}

  static byte[] version(String writer, int i) {
    StringBuilder pad = new StringBuilder();
    int n = 100 + (i * 37) % 3000;
    for (int k = 0; k < n; k++) {
      pad.append((char) ('a' + (k + i) % 26));
    }
    return ("{\n  \"writer\": \"" + writer + "\",\n  \"i\": " + i + ",\n  \"pad\": \"" + pad
            + "\"\n}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String id = args[1];
    int count = Integer.parseInt(args[2]);
    AtomicFiles files = AtomicFiles.create();
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    int saved = 0;
    int busy = 0;
    try {
      for (int i = 0; i < count; i++) {
        try {
          files.write(file, version(id, i));
          saved++;
        } catch (FileBusyException e) {
          busy++;
          if (e.waited().compareTo(files.lockTimeout()) < 0) {
            System.out.println("early busy: " + e);
            System.exit(3);
          }
        }
      }
    } catch (Exception e) {
      e.printStackTrace(System.out);
      System.exit(2);
    }
    System.out.println("done " + saved + " " + busy);
    System.exit(0);
  }
}
