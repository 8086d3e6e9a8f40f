package dev.segmentation.cli;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writing results: text to a file or to standard output, and the assignments CSV. */
final class Output {

  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
      .disable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withColumnSeparator(',')
      .withQuoteChar('"').withoutEscapeChar().withLineSeparator("\n");

  private Output() {}

  /**
   * Writes text (a line feed is added when missing) to a file, or to {@code out} when the file is
   * {@code null}.
   */
  static void text(SegmentationCli cli, Path file, String text) {
    String t = text.endsWith("\n") ? text : text + "\n";
    if (file == null) {
      PrintWriter out = cli.out();
      out.print(t);
      out.flush();
      return;
    }
    Path p = cli.resolve(file);
    try {
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(p, t, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e, e);
    }
  }

  /**
   * The assignments as CSV: header {@code <id column>,segment_id,segment_name,unassigned_reason,detail};
   * one line per account in table order; {@code segment_id} and {@code segment_name} are empty for an
   * unassigned account, {@code unassigned_reason} and {@code detail} for an assigned one. RFC 4180
   * quoting where needed, {@code \n} line ends.
   */
  static String assignmentsCsv(Segmentation seg) {
    StringWriter w = new StringWriter();
    List<Segment> segments = seg.segments();
    try (CsvGenerator g = CSV.getFactory().createGenerator((Writer) w)) {
      g.setSchema(SCHEMA);
      row(g, seg.table().idColumnName(), "segment_id", "segment_name", "unassigned_reason", "detail");
      for (Assignment a : seg.assignments()) {
        if (a.isAssigned()) {
          Segment s = segments.get(a.segment());
          row(g, a.accountId(), s.id(), s.name(), "", "");
        } else {
          row(g, a.accountId(), "", "", a.reason().name(), a.detail());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void row(CsvGenerator g, String... cells) throws IOException {
    g.writeStartArray();
    for (String c : cells) {
      g.writeString(c);
    }
    g.writeEndArray();
  }
}
