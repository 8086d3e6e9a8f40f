package dev.segmentation.core;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes an {@link AccountTable} as CSV with jackson-dataformat-csv's {@link CsvGenerator}.
 *
 * <p>The header is the id column name followed by the data column names; each row is the account id
 * followed by {@link Column#format(int)} of every column: numbers in the shortest form that reads back
 * exactly (integers without a decimal point, {@code -0.0}, {@code Infinity}), dates as ISO-8601,
 * category labels as they are, and a missing value as an empty cell. With
 * {@link CsvOptions#decimalSeparator()} {@code ','} the decimal point of numbers becomes a comma.
 * Fields are separated by {@link CsvOptions#delimiter()}, lines end with LF (also after the last row),
 * and a field is quoted with {@link CsvOptions#quote()} only when it contains the delimiter, the quote
 * character or a line break (a quote inside a field is doubled). No byte-order mark is written.
 *
 * <p>Reading the output back with the same options, {@link CsvOptions#idColumn(String)} set to the id
 * column name and explicit types for columns whose inferred type would differ gives an equal table,
 * with two exceptions that follow from the reader's rules (see {@link CsvTableReader}): ids and
 * category labels are stripped of leading and trailing white space, and a category label equal to a
 * missing-value token (such as {@code "NA"}) reads back as missing.
 *
 * <p>Stateless; the only shared object is an immutable, fully configured Jackson mapper.
 */
final class CsvTableWriter {

  private static final CsvMapper MAPPER =
      CsvMapper.builder()
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
          .disable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private CsvTableWriter() {}

  static void write(AccountTable table, Writer writer, CsvOptions options) throws IOException {
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withColumnSeparator(options.delimiter())
            .withQuoteChar(options.quote())
            .withoutEscapeChar()
            .withLineSeparator("\n");
    List<Column> columns = table.columns();
    int c = columns.size();
    boolean[] decimalComma = new boolean[c];
    for (int j = 0; j < c; j++) {
      decimalComma[j] =
          options.decimalSeparator() == ',' && columns.get(j).type() == ColumnType.NUMERIC;
    }
    try (CsvGenerator out = MAPPER.getFactory().createGenerator(writer)) {
      out.setSchema(schema);
      out.writeStartArray();
      out.writeString(table.idColumnName());
      for (Column column : columns) {
        out.writeString(column.name());
      }
      out.writeEndArray();
      int rows = table.rowCount();
      for (int i = 0; i < rows; i++) {
        out.writeStartArray();
        out.writeString(table.id(i));
        for (int j = 0; j < c; j++) {
          String text = columns.get(j).format(i);
          out.writeString(decimalComma[j] ? text.replace('.', ',') : text);
        }
        out.writeEndArray();
      }
    }
    writer.flush();
  }
}
