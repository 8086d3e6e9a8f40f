package dev.segmentation.core;

import dev.segmentation.core.table.CsvOptions;
import java.io.IOException;
import java.io.Writer;

/** Writes account tables as CSV with jackson-dataformat-csv. (Being written.) */
final class CsvTableWriter {

  private CsvTableWriter() {}

  static void write(AccountTable table, Writer writer, CsvOptions options) throws IOException {
    throw new UnsupportedOperationException("CSV writing is not written yet");
  }
}
