package dev.segmentation.cli;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options that read the accounts CSV, shared by segment, assign and profile. */
final class CsvInput {

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "CSV",
      description = "Accounts CSV file: a header row, one account per line.")
  Path input;

  @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
      converter = DelimiterConverter.class,
      description = "Field delimiter: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
  char delimiter;

  @Option(names = "--categorical", paramLabel = "COLUMN", split = ",",
      description = "Columns read as categories even when their values are numbers (codes), "
          + "comma-separated.")
  List<String> categorical = new ArrayList<>();

  @Option(names = "--numeric", paramLabel = "COLUMN", split = ",",
      description = "Columns that must be numeric: a value that is not a number is an error naming "
          + "line and column (instead of the column being read as categories), comma-separated.")
  List<String> numeric = new ArrayList<>();

  @Option(names = "--id-column", paramLabel = "COLUMN",
      description = "Column holding the account ids (default: the 1-based row numbers).")
  String idColumn;

  /** Reads the table, reporting the phase. */
  AccountTable read(SegmentationCli cli) {
    Path file = cli.resolve(input);
    cli.progress().phase("Reading " + input);
    CsvOptions options = options();
    return AccountTable.readCsv(file, options);
  }

  CsvOptions options() {
    CsvOptions o = CsvOptions.defaults().delimiter(delimiter);
    if (idColumn != null) {
      o = o.idColumn(idColumn);
    }
    for (String c : categorical) {
      if (!c.isBlank()) {
        o = o.columnType(c.strip(), ColumnType.CATEGORICAL);
      }
    }
    for (String c : numeric) {
      if (!c.isBlank()) {
        o = o.columnType(c.strip(), ColumnType.NUMERIC);
      }
    }
    return o;
  }

  /** Converts {@code ","}, {@code ";"}, {@code "tab"} or {@code "\t"} to a delimiter character. */
  static final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      if (value.equals("tab") || value.equals("\\t") || value.equals("\t")) {
        return '\t';
      }
      if (value.length() != 1) {
        throw new TypeConversionException("'" + value
            + "' is not a delimiter; expected one character such as ',' or ';', or 'tab'.");
      }
      return value.charAt(0);
    }
  }
}
