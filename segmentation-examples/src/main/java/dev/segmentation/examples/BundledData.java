package dev.segmentation.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Locates the real data sets bundled with the examples (see {@code data/*.README.md} for credits). */
public final class BundledData {

  private BundledData() {}

  /**
   * Returns a file path of a bundled data set, copying it out of the jar when needed.
   *
   * @param name file name under {@code data/}, for example {@code wholesale_customers.csv}
   * @return a readable file
   */
  public static Path path(String name) {
    URL url = BundledData.class.getResource("/data/" + name);
    if (url == null) {
      throw new IllegalArgumentException("No bundled data set named " + name);
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      Path tmp = Files.createTempFile("segmentation-", "-" + name);
      tmp.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundled data " + name + ": " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Bad resource URL " + url, e);
    }
  }
}
