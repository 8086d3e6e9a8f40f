package dev.segmentation.core.profile;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CSV writing and number formatting shared by {@link SegmentProfiles} and {@link MigrationMatrix}.
 *
 * <p>CSV: RFC 4180 with a header row, comma delimiter, double quotes only where needed (a quote inside
 * a field is doubled), LF line ends, UTF-8 without byte-order mark. Numbers are written with
 * {@link #number(double)}. Stateless; the only shared object is an immutable, fully configured Jackson
 * mapper.
 */
final class Exports {

  private static final CsvMapper MAPPER =
      CsvMapper.builder()
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
          .disable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private static final CsvSchema SCHEMA =
      CsvSchema.emptySchema()
          .withColumnSeparator(',')
          .withQuoteChar('"')
          .withoutEscapeChar()
          .withLineSeparator("\n");

  private Exports() {}

  /** Receives the data rows of a CSV file. */
  @FunctionalInterface
  interface RowSink {
    void row(String... cells) throws IOException;
  }

  /** Produces the data rows of a CSV file. */
  @FunctionalInterface
  interface RowSource {
    void rows(RowSink sink) throws IOException;
  }

  /**
   * Writes a header and the rows; the writer is flushed, not closed.
   *
   * @throws UncheckedIOException when the writer fails
   */
  static void csv(Writer writer, List<String> header, RowSource rows) {
    try {
      try (CsvGenerator out = MAPPER.getFactory().createGenerator(writer)) {
        out.setSchema(SCHEMA);
        writeRow(out, header.toArray(new String[0]));
        rows.rows(cells -> writeRow(out, cells));
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write CSV: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a CSV file in UTF-8, created or replaced.
   *
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  static void csv(Path path, List<String> header, RowSource rows) {
    IOException failure;
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      csv(w, header, rows);
      return;
    } catch (UncheckedIOException e) {
      failure = e.getCause();
    } catch (IOException e) {
      failure = e;
    }
    throw new UncheckedIOException(
        "Cannot write CSV file " + path + ": " + failure.getMessage(), failure);
  }

  private static void writeRow(CsvGenerator out, String[] cells) throws IOException {
    out.writeStartArray();
    for (String c : cells) {
      out.writeString(c);
    }
    out.writeEndArray();
  }

  /**
   * Formats a number for CSV: the shortest text that reads back exactly with
   * {@link Double#parseDouble(String)} ({@link Double#toString(double)}), integers below 1e15 in
   * magnitude without a decimal point, {@code -0.0} kept, {@code Infinity}/{@code -Infinity} as
   * written by Java, and {@code NaN} as the empty string.
   */
  static String number(double v) {
    return dev.segmentation.core.internal.NumberText.exact(v);
  }

  /** Formats a share as a percentage with one decimal, {@code NA} for {@code NaN}. */
  static String percent(double share) {
    return Double.isNaN(share) ? "NA" : String.format(Locale.ROOT, "%.1f%%", 100.0 * share);
  }
}
