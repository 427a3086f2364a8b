package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PinnedFolder}: a folder swapped after it was pinned is noticed, whatever replaced it; and
 * {@link AtomicFiles#removeLeftoversBelow} sweeps a folder of folders.
 */
class PinnedFolderTest {
  @TempDir Path tmp;

  @Test
  void anUnchangedFolderPasses() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("scenes"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    PinnedFolder pinned = PinnedFolder.of(link);
    assertEquals(dir.toRealPath(), pinned.path());
    assertEquals(dir.toRealPath(), pinned.check());
    assertTrue(pinned.toString().contains("scenes"));
    assertThrows(NotDirectoryException.class,
        () -> PinnedFolder.of(Files.writeString(tmp.resolve("f"), "x")));
  }

  @Test
  void aFolderSwappedForASymlinkIsNoticed() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("scenes"));
    PinnedFolder pinned = PinnedFolder.of(dir);
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.move(dir, tmp.resolve("moved"));
    Files.createSymbolicLink(dir, elsewhere);
    PinnedFolder.FolderMovedException e =
        assertThrows(PinnedFolder.FolderMovedException.class, pinned::check);
    assertEquals("is now a symbolic link since it was pinned", e.getReason());
    assertEquals(dir.toRealPath().getParent().resolve("scenes").toString(), e.getFile());
  }

  @Test
  void aFolderSwappedForAnotherFolderOrAFileOrNothingIsNoticed() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("scenes"));
    PinnedFolder pinned = PinnedFolder.of(dir);
    Files.move(dir, tmp.resolve("moved"));
    Files.createDirectory(dir);
    assertEquals("is now another folder since it was pinned",
        assertThrows(PinnedFolder.FolderMovedException.class, pinned::check).getReason());
    Files.delete(dir);
    assertEquals("is gone since it was pinned",
        assertThrows(PinnedFolder.FolderMovedException.class, pinned::check).getReason());
    Files.writeString(dir, "x");
    assertEquals("is no longer a folder since it was pinned",
        assertThrows(PinnedFolder.FolderMovedException.class, pinned::check).getReason());
  }

  @Test
  void aParentSwappedForASymlinkIsNoticed() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    Path scenes = Files.createDirectory(data.resolve("scenes"));
    PinnedFolder pinned = PinnedFolder.of(scenes);
    Path evil = Files.createDirectories(tmp.resolve("evil").resolve("scenes"));
    Files.move(data, tmp.resolve("moved"));
    Files.createSymbolicLink(data, evil.getParent());
    assertThrows(PinnedFolder.FolderMovedException.class, pinned::check);
  }

  @Test
  void removeLeftoversBelowSweepsTheFolderAndItsFolders() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long dead = p.pid();
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    Path scene = Files.createDirectory(root.resolve("opening"));
    Path deep = Files.createDirectory(scene.resolve("deeper"));
    Path a = Files.writeString(root.resolve("x.json." + dead + ".0000000000000001.tmp"), "{");
    Path b = Files.writeString(scene.resolve("prompts.json." + dead + ".0000000000000002.tmp"), "{");
    Path c = Files.writeString(deep.resolve("y.json." + dead + ".0000000000000003.tmp"), "{");
    Path lock = Files.writeString(scene.resolve("prompts.json.lock"),
        "fbtools-lock pid=" + dead + " token=0000000000000004\n", StandardCharsets.UTF_8);
    Files.writeString(scene.resolve("prompts.json"), "{}");
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path d = Files.writeString(outside.resolve("z.json." + dead + ".0000000000000005.tmp"), "{");
    Files.createSymbolicLink(root.resolve("linked"), outside);
    assertEquals(3, AtomicFiles.create().removeLeftoversBelow(root));
    assertFalse(Files.exists(a));
    assertFalse(Files.exists(b));
    assertFalse(Files.exists(lock));
    assertTrue(Files.exists(c), "only one level down");
    assertTrue(Files.exists(d), "links are not followed");
  }
}
