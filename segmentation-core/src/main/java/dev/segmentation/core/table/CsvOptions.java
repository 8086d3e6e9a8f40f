package dev.segmentation.core.table;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to read and write account tables as CSV.
 *
 * <p>The defaults read RFC 4180 files: a header row, comma delimiter, double-quote quoting (a quote
 * inside a quoted field is doubled), LF or CRLF line ends, UTF-8 with an optional byte-order mark.
 * Without an {@linkplain #idColumn(String) id column}, account ids are the 1-based data row numbers
 * ("1", "2", ...) and the id column is named {@code "id"} ({@code "row"} if the file has a data column
 * named {@code "id"}). Every cell, quoted or not, is stripped of leading and trailing white space, and
 * blank lines are skipped. Column types not given by {@link #columnType(String, ColumnType)} are
 * inferred from every value of the column: {@link ColumnType#NUMERIC} when all non-missing values are
 * decimal numbers, else {@link ColumnType#DATE} when all are ISO-8601 dates ({@code 2026-11-25}), else
 * {@link ColumnType#CATEGORICAL}; a column whose values are all missing is numeric. Cells equal to one of
 * the {@linkplain #missingValues(String...) missing tokens} (after trimming spaces) are missing values.
 *
 * <p>Options are immutable: every method returns a new instance. Instances are safe to share between
 * threads.
 *
 * <pre>{@code
 * CsvOptions options = CsvOptions.defaults()
 *     .delimiter(';')
 *     .decimalSeparator(',')
 *     .idColumn("account_id")
 *     .columnType("Region", ColumnType.CATEGORICAL);
 * }</pre>
 *
 * @since 0.1
 */
public final class CsvOptions {

  private static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "null");
  private static final CsvOptions DEFAULTS =
      new CsvOptions(',', '"', '.', null, Map.of(), DEFAULT_MISSING, StandardCharsets.UTF_8);

  private final char delimiter;
  private final char quote;
  private final char decimalSeparator;
  private final String idColumn;
  private final Map<String, ColumnType> columnTypes;
  private final Set<String> missingValues;
  private final Charset charset;

  private CsvOptions(
      char delimiter,
      char quote,
      char decimalSeparator,
      String idColumn,
      Map<String, ColumnType> columnTypes,
      Set<String> missingValues,
      Charset charset) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.decimalSeparator = decimalSeparator;
    this.idColumn = idColumn;
    this.columnTypes = Collections.unmodifiableMap(new TreeMap<>(columnTypes));
    this.missingValues = Collections.unmodifiableSet(new LinkedHashSet<>(missingValues));
    this.charset = charset;
  }

  /**
   * Returns the default options: comma, double quote, decimal point, row numbers as ids, inferred
   * types, missing tokens {@code "", "NA", "N/A", "NaN", "null"}, UTF-8.
   *
   * @return the default options
   */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Sets the field delimiter.
   *
   * @param delimiter the delimiter, for example {@code ','}, {@code ';'} or {@code '\t'}
   * @return new options
   * @throws IllegalArgumentException when the delimiter is the quote character or a line break
   */
  public CsvOptions delimiter(char delimiter) {
    if (delimiter == '\n' || delimiter == '\r' || delimiter == quote) {
      throw new IllegalArgumentException(
          "CsvOptions.delimiter must not be a line break or the quote character, was '"
              + delimiter + "'.");
    }
    return new CsvOptions(
        delimiter, quote, decimalSeparator, idColumn, columnTypes, missingValues, charset);
  }

  /**
   * Sets the quote character.
   *
   * @param quote the quote character, usually {@code '"'}
   * @return new options
   * @throws IllegalArgumentException when the quote is the delimiter or a line break
   */
  public CsvOptions quote(char quote) {
    if (quote == '\n' || quote == '\r' || quote == delimiter) {
      throw new IllegalArgumentException(
          "CsvOptions.quote must not be a line break or the delimiter, was '" + quote + "'.");
    }
    return new CsvOptions(
        delimiter, quote, decimalSeparator, idColumn, columnTypes, missingValues, charset);
  }

  /**
   * Sets the decimal separator of numbers: {@code '.'} (default) or {@code ','}. Thousands separators
   * are never accepted. With {@code ','} and a comma delimiter, numbers must be quoted (the writer
   * quotes them).
   *
   * @param separator {@code '.'} or {@code ','}
   * @return new options
   * @throws IllegalArgumentException for another character
   */
  public CsvOptions decimalSeparator(char separator) {
    if (separator != '.' && separator != ',') {
      throw new IllegalArgumentException(
          "CsvOptions.decimalSeparator must be '.' or ',', was '" + separator + "'.");
    }
    return new CsvOptions(
        delimiter, quote, separator, idColumn, columnTypes, missingValues, charset);
  }

  /**
   * Names the column that holds account ids. Without it, ids are 1-based data row numbers.
   *
   * @param name the header of the id column
   * @return new options
   * @throws IllegalArgumentException when the name is blank
   */
  public CsvOptions idColumn(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("CsvOptions.idColumn must be non-blank.");
    }
    return new CsvOptions(
        delimiter, quote, decimalSeparator, name, columnTypes, missingValues, charset);
  }

  /**
   * Fixes the type of a column instead of inferring it.
   *
   * @param column the header of the column
   * @param type its type
   * @return new options
   */
  public CsvOptions columnType(String column, ColumnType type) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
    Map<String, ColumnType> m = new TreeMap<>(columnTypes);
    m.put(column, type);
    return new CsvOptions(delimiter, quote, decimalSeparator, idColumn, m, missingValues, charset);
  }

  /**
   * Sets the cell texts that mean "missing" (compared after trimming spaces). The empty cell is always
   * missing.
   *
   * @param tokens the tokens, for example {@code "NA"}, {@code "-"}
   * @return new options
   */
  public CsvOptions missingValues(String... tokens) {
    Objects.requireNonNull(tokens, "tokens");
    Set<String> s = new LinkedHashSet<>();
    s.add("");
    for (String t : tokens) {
      s.add(Objects.requireNonNull(t, "token").strip());
    }
    return new CsvOptions(delimiter, quote, decimalSeparator, idColumn, columnTypes, s, charset);
  }

  /**
   * Sets the character set of files read and written through a path.
   *
   * @param charset the character set; UTF-8 by default
   * @return new options
   */
  public CsvOptions charset(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    return new CsvOptions(
        delimiter, quote, decimalSeparator, idColumn, columnTypes, missingValues, charset);
  }

  /**
   * Returns the field delimiter.
   *
   * @return the delimiter
   */
  public char delimiter() {
    return delimiter;
  }

  /**
   * Returns the quote character.
   *
   * @return the quote character
   */
  public char quote() {
    return quote;
  }

  /**
   * Returns the decimal separator.
   *
   * @return {@code '.'} or {@code ','}
   */
  public char decimalSeparator() {
    return decimalSeparator;
  }

  /**
   * Returns the id column.
   *
   * @return the id column header, or empty when row numbers are the ids
   */
  public Optional<String> idColumn() {
    return Optional.ofNullable(idColumn);
  }

  /**
   * Returns the explicit column types.
   *
   * @return an unmodifiable map from column header to type, sorted by header
   */
  public Map<String, ColumnType> columnTypes() {
    return columnTypes;
  }

  /**
   * Returns the missing tokens.
   *
   * @return an unmodifiable set, always containing the empty string
   */
  public Set<String> missingValues() {
    return missingValues;
  }

  /**
   * Returns the character set.
   *
   * @return the character set of files
   */
  public Charset charset() {
    return charset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvOptions other
        && delimiter == other.delimiter
        && quote == other.quote
        && decimalSeparator == other.decimalSeparator
        && Objects.equals(idColumn, other.idColumn)
        && columnTypes.equals(other.columnTypes)
        && missingValues.equals(other.missingValues)
        && charset.equals(other.charset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        delimiter, quote, decimalSeparator, idColumn, columnTypes, missingValues, charset);
  }

  @Override
  public String toString() {
    return "CsvOptions[delimiter='" + delimiter + "', quote='" + quote + "', decimalSeparator='"
        + decimalSeparator + "', idColumn=" + (idColumn == null ? "<row number>" : idColumn)
        + ", columnTypes=" + columnTypes + ", missingValues=" + missingValues + ", charset="
        + charset + "]";
  }
}
