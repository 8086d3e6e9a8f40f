package dev.segmentation.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the small bundled test files into a working directory. */
final class TestFiles {

  static final String[] SMALL = {"accounts.csv", "abc-spec.json", "quantile-spec.json",
      "rule-spec.json", "kmeans-spec.json", "kselect-spec.json"};

  private TestFiles() {}

  static void copySmall(Path dir) {
    for (String name : SMALL) {
      try (InputStream in = TestFiles.class.getResourceAsStream("/small/" + name)) {
        Files.copy(in, dir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
