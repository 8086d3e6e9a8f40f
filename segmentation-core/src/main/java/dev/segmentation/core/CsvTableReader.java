package dev.segmentation.core;

import dev.segmentation.core.table.CsvOptions;
import java.io.Reader;
import java.nio.file.Path;

/** Reads account tables from CSV with jackson-dataformat-csv. (Being written.) */
final class CsvTableReader {

  private CsvTableReader() {}

  static AccountTable read(Path path, CsvOptions options) {
    throw new UnsupportedOperationException("CSV reading is not written yet");
  }

  static AccountTable read(Reader reader, CsvOptions options) {
    throw new UnsupportedOperationException("CSV reading is not written yet");
  }
}
