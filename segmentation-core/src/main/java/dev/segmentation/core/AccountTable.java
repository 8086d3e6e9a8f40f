package dev.segmentation.core;

import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Accounts as data: a column-oriented table with one row per account, a unique id per row and named
 * numeric, categorical and date columns.
 *
 * <p>Numeric columns are {@code double[]} with {@code NaN} for missing values; categorical columns are
 * int codes into a dictionary of levels; date columns are epoch days. Missing values are kept explicit
 * and never dropped. Ids are unique, non-blank strings.
 *
 * <p>Build a table three ways:
 *
 * <pre>{@code
 * // 1. fluent builder, row by row
 * AccountTable t = AccountTable.builder()
 *     .numeric("turnover").numeric("potential").categorical("industry")
 *     .addRow("A-1", 1.2e6, 5.0e6, "Pharma")
 *     .addRow("A-2", 3.0e5, Double.NaN, null)          // NaN / null = missing
 *     .build();
 *
 * // 2. from the caller's own objects
 * AccountTable u = AccountTable.from(crmAccounts, Account::getId)
 *     .numeric("turnover", Account::getTurnover)
 *     .categorical("industry", Account::getIndustry)
 *     .build();
 *
 * // 3. from CSV
 * AccountTable w = AccountTable.readCsv(Path.of("accounts.csv"), CsvOptions.defaults().idColumn("id"));
 * }</pre>
 *
 * <p>Derived tables ({@link #select}, {@link #filter}, {@link #rows}, {@link #withColumn}) share the
 * immutable column storage where they can, so selecting columns is free and filtering copies only the
 * kept rows.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class AccountTable {

  /** The id column name used when none is given. */
  public static final String DEFAULT_ID_COLUMN = "id";

  private static final int PRINTED_ROWS = 20;
  private static final int PRINTED_COLUMNS = 12;

  private final String idColumnName;
  private final String[] ids;
  private final List<Column> columns;
  private final Map<String, Column> byName;
  private final Map<String, Integer> idIndex;

  private AccountTable(
      String idColumnName, String[] ids, List<Column> columns, IntFunction<String> rowLabel) {
    this.idColumnName = Objects.requireNonNull(idColumnName, "idColumnName");
    if (idColumnName.isBlank()) {
      throw new IllegalArgumentException("The id column name must be non-blank.");
    }
    this.ids = ids;
    this.columns = List.copyOf(columns);
    Map<String, Column> names = new LinkedHashMap<>();
    for (Column c : this.columns) {
      if (c.name().equals(idColumnName)) {
        throw new IllegalArgumentException(
            "Column '" + c.name() + "' has the name of the id column; column names must differ from it.");
      }
      if (names.put(c.name(), c) != null) {
        throw new IllegalArgumentException(
            "Column '" + c.name() + "' is defined twice; column names must be unique.");
      }
      if (c.size() != ids.length) {
        throw new IllegalArgumentException(
            "Column '" + c.name() + "' has " + c.size() + " values but the table has " + ids.length
                + " ids; every column needs one value per account.");
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    Map<String, Integer> index = new HashMap<>(Math.max(16, (int) (ids.length / 0.75f) + 1));
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      if (id == null || id.isBlank()) {
        throw new DataValidationException(
            "Account id at " + rowLabel.apply(i) + " is " + (id == null ? "missing" : "blank \"" + id + "\"")
                + "; ids must be non-empty.",
            null, idColumnName, -1, null);
      }
      Integer previous = index.putIfAbsent(id, i);
      if (previous != null) {
        throw new DataValidationException(
            "Duplicate account id \"" + id + "\" at "
                + bothLabels(rowLabel.apply(previous), rowLabel.apply(i)) + "; ids must be unique.",
            id, idColumnName, -1, null);
      }
    }
    this.idIndex = index;
  }

  /**
   * Joins "row 17" and "row 233" as "rows 17 and 233" (and items likewise), the message format of
   * CONVENTIONS section 6; other labels (CSV lines) are joined as given.
   */
  private static String bothLabels(String first, String second) {
    for (String noun : new String[] {"row ", "item "}) {
      if (first.startsWith(noun) && second.startsWith(noun)) {
        return noun.trim() + "s " + first.substring(noun.length()) + " and "
            + second.substring(noun.length());
      }
    }
    return first + " and " + second;
  }

  static AccountTable create(
      String idColumnName, String[] ids, List<Column> columns, IntFunction<String> rowLabel) {
    return new AccountTable(idColumnName, ids, columns, rowLabel);
  }

  private static String rowLabel(int row) {
    return "row " + row;
  }

  /**
   * Creates a table from ids and columns; the id column is named {@value #DEFAULT_ID_COLUMN}.
   *
   * @param ids one unique, non-blank id per account; the array is copied
   * @param columns columns with one value per id and distinct names
   * @return the table
   * @throws DataValidationException when an id is blank or repeated (the message names both rows)
   * @throws IllegalArgumentException when a column has the wrong length or a repeated name
   */
  public static AccountTable of(String[] ids, Column... columns) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(columns, "columns");
    return new AccountTable(
        DEFAULT_ID_COLUMN, ids.clone(), Arrays.asList(columns), AccountTable::rowLabel);
  }

  /**
   * Starts a fluent builder that adds accounts row by row.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts building a table from the caller's own objects (how a CRM hands over its entities): one
   * account per element, in iteration order, with one extractor per column.
   *
   * <pre>{@code
   * AccountTable t = AccountTable.from(accounts, Account::id)
   *     .numeric("turnover", Account::turnover)
   *     .numericNullable("potential", Account::potentialOrNull)
   *     .categorical("industry", Account::industry)
   *     .build();
   * }</pre>
   *
   * @param items the objects; iterated once, when {@link FromObjects#build()} is called
   * @param id extracts the account id of an object
   * @param <T> the type of the objects
   * @return a builder for the columns
   */
  public static <T> FromObjects<T> from(
      Iterable<? extends T> items, Function<? super T, String> id) {
    return new FromObjects<>(items, id);
  }

  /**
   * Reads a CSV file with the {@linkplain CsvOptions#defaults() default options}.
   *
   * @param path the file
   * @return the table
   * @throws DataValidationException for a bad value, ragged row or bad id; the message names line and
   *     column
   * @throws UncheckedIOException when the file cannot be read; the message names the path
   */
  public static AccountTable readCsv(Path path) {
    return readCsv(path, CsvOptions.defaults());
  }

  /**
   * Reads a CSV file.
   *
   * @param path the file
   * @param options delimiter, quoting, id column, types and missing tokens
   * @return the table
   * @throws DataValidationException for a bad value, ragged row or bad id; the message names the file,
   *     line and column
   * @throws UncheckedIOException when the file cannot be read; the message names the path
   */
  public static AccountTable readCsv(Path path, CsvOptions options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    return CsvTableReader.read(path, options);
  }

  /**
   * Reads CSV text from a reader; the reader is read to its end but not closed.
   *
   * @param reader the CSV text
   * @param options delimiter, quoting, id column, types and missing tokens
   * @return the table
   * @throws DataValidationException for a bad value, ragged row or bad id; the message names line and
   *     column
   * @throws UncheckedIOException when the reader fails
   */
  public static AccountTable readCsv(Reader reader, CsvOptions options) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(options, "options");
    return CsvTableReader.read(reader, options);
  }

  /**
   * Writes the table as CSV with the {@linkplain CsvOptions#defaults() default options}: a header with
   * the id column first, numbers in the shortest form that reads back exactly, missing values as empty
   * cells, LF line ends.
   *
   * @param path the file, created or replaced
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeCsv(Path path) {
    writeCsv(path, CsvOptions.defaults());
  }

  /**
   * Writes the table as CSV; reading the file back with the same options (and the id column set to
   * {@link #idColumnName()}) gives an equal table, given explicit column types for columns whose
   * inferred type would differ.
   *
   * @param path the file, created or replaced
   * @param options delimiter, quote, decimal separator and character set
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeCsv(Path path, CsvOptions options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    try (Writer w = Files.newBufferedWriter(path, options.charset())) {
      CsvTableWriter.write(this, w, options);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write CSV file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the table as CSV to a writer, which is flushed but not closed.
   *
   * @param writer the destination
   * @param options delimiter, quote and decimal separator
   * @throws UncheckedIOException when the writer fails
   */
  public void writeCsv(Writer writer, CsvOptions options) {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(options, "options");
    try {
      CsvTableWriter.write(this, writer, options);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write CSV: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the number of accounts.
   *
   * @return the number of rows
   */
  public int rowCount() {
    return ids.length;
  }

  /**
   * Returns the number of data columns (the id column is not counted).
   *
   * @return the number of columns
   */
  public int columnCount() {
    return columns.size();
  }

  /**
   * Returns the name of the id column.
   *
   * @return the id column name
   */
  public String idColumnName() {
    return idColumnName;
  }

  /**
   * Returns the id of a row.
   *
   * @param row 0-based row index
   * @return the account id
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, rowCount())}
   */
  public String id(int row) {
    return ids[Objects.checkIndex(row, ids.length)];
  }

  /**
   * Returns all ids in row order.
   *
   * @return an unmodifiable list of ids
   */
  public List<String> ids() {
    return Collections.unmodifiableList(Arrays.asList(ids));
  }

  /**
   * Finds the row of an account id.
   *
   * @param id an account id
   * @return its 0-based row index, or empty when no account has that id
   */
  public OptionalInt indexOf(String id) {
    Objects.requireNonNull(id, "id");
    Integer i = idIndex.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * Returns the data column names in table order.
   *
   * @return an unmodifiable list of names, without the id column
   */
  public List<String> columnNames() {
    return List.copyOf(byName.keySet());
  }

  /**
   * Returns the data columns in table order.
   *
   * @return an unmodifiable list of columns
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * Tells whether a data column exists.
   *
   * @param name a column name
   * @return {@code true} when the table has a data column of that name
   */
  public boolean hasColumn(String name) {
    return byName.containsKey(Objects.requireNonNull(name, "name"));
  }

  /**
   * Looks up a column.
   *
   * @param name a column name
   * @return the column, or empty when there is none of that name
   */
  public Optional<Column> findColumn(String name) {
    return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Returns a column.
   *
   * @param name a column name
   * @return the column
   * @throws IllegalArgumentException when there is no such column; the message lists the columns
   */
  public Column column(String name) {
    Column c = byName.get(Objects.requireNonNull(name, "name"));
    if (c == null) {
      throw new IllegalArgumentException(unknownColumn(name));
    }
    return c;
  }

  /**
   * Returns a numeric column.
   *
   * @param name a column name
   * @return the column
   * @throws IllegalArgumentException when there is no such column or it is not numeric
   */
  public NumericColumn numeric(String name) {
    return typed(name, ColumnType.NUMERIC, NumericColumn.class);
  }

  /**
   * Returns a categorical column.
   *
   * @param name a column name
   * @return the column
   * @throws IllegalArgumentException when there is no such column or it is not categorical
   */
  public CategoricalColumn categorical(String name) {
    return typed(name, ColumnType.CATEGORICAL, CategoricalColumn.class);
  }

  /**
   * Returns a date column.
   *
   * @param name a column name
   * @return the column
   * @throws IllegalArgumentException when there is no such column or it is not a date column
   */
  public DateColumn date(String name) {
    return typed(name, ColumnType.DATE, DateColumn.class);
  }

  private <C extends Column> C typed(String name, ColumnType type, Class<C> cls) {
    Column c = column(name);
    if (c.type() != type) {
      throw new IllegalArgumentException(
          "Column '" + name + "' is " + c.type() + ", expected " + type + ".");
    }
    return cls.cast(c);
  }

  String unknownColumn(String name) {
    return "Unknown column '" + name + "'; columns are: " + String.join(", ", byName.keySet()) + ".";
  }

  /**
   * Returns a view of one account.
   *
   * @param row 0-based row index
   * @return the row
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, rowCount())}
   */
  public Row row(int row) {
    return new Row(this, Objects.checkIndex(row, ids.length));
  }

  /**
   * Returns a table with only the named columns, in the given order; the ids are kept. Column storage
   * is shared, so this is cheap.
   *
   * @param names the columns to keep
   * @return the new table
   * @throws IllegalArgumentException when a name is unknown or repeated
   */
  public AccountTable select(String... names) {
    Objects.requireNonNull(names, "names");
    List<Column> kept = new ArrayList<>(names.length);
    for (String n : names) {
      kept.add(column(n));
    }
    return new AccountTable(idColumnName, ids, kept, AccountTable::rowLabel);
  }

  /**
   * Returns a table with one more column, or with a column of the same name replaced.
   *
   * @param column a column with one value per account
   * @return the new table
   * @throws IllegalArgumentException when the column length differs from {@link #rowCount()}
   */
  public AccountTable withColumn(Column column) {
    Objects.requireNonNull(column, "column");
    List<Column> cols = new ArrayList<>(columns);
    int at = -1;
    for (int j = 0; j < cols.size(); j++) {
      if (cols.get(j).name().equals(column.name())) {
        at = j;
      }
    }
    if (at >= 0) {
      cols.set(at, column);
    } else {
      cols.add(column);
    }
    return new AccountTable(idColumnName, ids, cols, AccountTable::rowLabel);
  }

  /**
   * Returns the accounts that match a predicate, in table order (a copy of the kept rows).
   *
   * @param predicate tested on each row
   * @return the new table
   */
  public AccountTable filter(Predicate<? super Row> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    int[] keep = new int[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (predicate.test(new Row(this, i))) {
        keep[n++] = i;
      }
    }
    return rows(Arrays.copyOf(keep, n));
  }

  /**
   * Returns the given rows, in the given order.
   *
   * @param rows 0-based row indices, without repeats (ids must stay unique)
   * @return the new table
   * @throws IndexOutOfBoundsException when an index is out of range
   * @throws DataValidationException when an index repeats
   */
  public AccountTable rows(int... rows) {
    Objects.requireNonNull(rows, "rows");
    String[] newIds = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      newIds[i] = ids[Objects.checkIndex(rows[i], ids.length)];
    }
    List<Column> cols = new ArrayList<>(columns.size());
    for (Column c : columns) {
      cols.add(c.gather(rows));
    }
    return new AccountTable(idColumnName, newIds, cols, AccountTable::rowLabel);
  }

  /**
   * Returns the first rows.
   *
   * @param n the number of rows wanted; fewer are returned when the table is shorter
   * @return the new table
   * @throws IllegalArgumentException when {@code n} is negative
   */
  public AccountTable head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("head(n) needs n >= 0, was " + n + ".");
    }
    int m = Math.min(n, ids.length);
    int[] idx = new int[m];
    Arrays.setAll(idx, i -> i);
    return rows(idx);
  }

  /**
   * Compares id column name, ids and columns (names, types, values, in order).
   *
   * @param o the other object
   * @return {@code true} when both tables hold the same data
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof AccountTable other
        && idColumnName.equals(other.idColumnName)
        && Arrays.equals(ids, other.ids)
        && columns.equals(other.columns);
  }

  @Override
  public int hashCode() {
    return (31 * idColumnName.hashCode() + Arrays.hashCode(ids)) * 31 + columns.hashCode();
  }

  /**
   * Prints the shape and the first 20 rows as an aligned text table (numbers right-aligned with a
   * fixed number of decimals per column, missing values as {@code NA}, cells cut at 40 characters), the
   * notebook view of the table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    int shownRows = Math.min(PRINTED_ROWS, ids.length);
    int shownCols = Math.min(PRINTED_COLUMNS, columns.size());
    List<String> headers = new ArrayList<>();
    boolean[] right = new boolean[shownCols + 1];
    headers.add(idColumnName);
    String[][] cells = new String[shownCols][];
    for (int j = 0; j < shownCols; j++) {
      Column c = columns.get(j);
      headers.add(c.name());
      if (c instanceof NumericColumn nc) {
        double[] v = new double[shownRows];
        nc.copyTo(0, v, 0, shownRows);
        cells[j] = TextTable.formatNumbers(v);
        right[j + 1] = true;
      } else {
        cells[j] = new String[shownRows];
        for (int i = 0; i < shownRows; i++) {
          cells[j][i] = c.isMissing(i) ? "NA" : c.format(i);
        }
      }
    }
    TextTable t = new TextTable(headers, right);
    for (int i = 0; i < shownRows; i++) {
      String[] r = new String[shownCols + 1];
      r[0] = ids[i];
      for (int j = 0; j < shownCols; j++) {
        r[j + 1] = cells[j][i];
      }
      t.addRow(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("AccountTable: ").append(ids.length).append(ids.length == 1 ? " row x " : " rows x ")
        .append(columns.size()).append(columns.size() == 1 ? " column\n" : " columns\n");
    sb.append(t.render());
    if (ids.length > shownRows) {
      sb.append("... ").append(ids.length - shownRows).append(" more rows\n");
    }
    if (columns.size() > shownCols) {
      sb.append("... ").append(columns.size() - shownCols).append(" more columns: ");
      List<String> rest = new ArrayList<>();
      for (int j = shownCols; j < columns.size(); j++) {
        rest.add(columns.get(j).name());
      }
      sb.append(String.join(", ", rest)).append('\n');
    }
    return sb.toString();
  }

  /**
   * Fluent builder that adds accounts row by row. Declare the columns first, then add rows whose values
   * follow the declaration order.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} copies, so a builder may be reused.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String idColumnName = DEFAULT_ID_COLUMN;
    private final List<String> names = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private final List<String> rowIds = new ArrayList<>();

    private Builder() {}

    /**
     * Names the id column (default {@value AccountTable#DEFAULT_ID_COLUMN}).
     *
     * @param name the id column name
     * @return this builder
     */
    public Builder idColumn(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("The id column name must be non-blank.");
      }
      this.idColumnName = name;
      return this;
    }

    /**
     * Declares a numeric column.
     *
     * @param name column name
     * @return this builder
     * @throws IllegalStateException when rows were already added or the name is taken
     */
    public Builder numeric(String name) {
      return declare(name, ColumnType.NUMERIC);
    }

    /**
     * Declares a categorical column.
     *
     * @param name column name
     * @return this builder
     * @throws IllegalStateException when rows were already added or the name is taken
     */
    public Builder categorical(String name) {
      return declare(name, ColumnType.CATEGORICAL);
    }

    /**
     * Declares a date column.
     *
     * @param name column name
     * @return this builder
     * @throws IllegalStateException when rows were already added or the name is taken
     */
    public Builder date(String name) {
      return declare(name, ColumnType.DATE);
    }

    private Builder declare(String name, ColumnType type) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Column name must be non-blank.");
      }
      if (!rows.isEmpty()) {
        throw new IllegalStateException(
            "Declare column '" + name + "' before adding rows; " + rows.size() + " rows were added.");
      }
      if (names.contains(name)) {
        throw new IllegalStateException("Column '" + name + "' is declared twice.");
      }
      names.add(name);
      types.add(type);
      return this;
    }

    /**
     * Adds one account. Values follow the column declaration order: a {@link Number} for numeric
     * columns ({@code NaN} or {@code null} = missing), a {@link CharSequence} or any object whose
     * {@code toString()} is the label for categorical columns ({@code null} or {@code ""} = missing),
     * a {@link LocalDate} for date columns ({@code null} = missing).
     *
     * @param id the account id, unique and non-blank
     * @param values one value per declared column
     * @return this builder
     * @throws IllegalArgumentException when the number of values or a value's type is wrong; the
     *     message names the account and column
     */
    public Builder addRow(String id, Object... values) {
      Objects.requireNonNull(id, "id");
      Object[] v = values == null ? new Object[] {null} : values.clone();
      if (v.length != names.size()) {
        throw new IllegalArgumentException(
            "Account \"" + id + "\": " + v.length + " values given, expected " + names.size()
                + " (columns " + names + ").");
      }
      for (int j = 0; j < v.length; j++) {
        Object x = v[j];
        if (x == null) {
          continue;
        }
        boolean ok =
            switch (types.get(j)) {
              case NUMERIC -> x instanceof Number;
              case DATE -> x instanceof LocalDate;
              case CATEGORICAL -> true;
            };
        if (!ok) {
          throw new IllegalArgumentException(
              "Account \"" + id + "\", column '" + names.get(j) + "': " + x.getClass().getSimpleName()
                  + " value " + x + " given, expected "
                  + (types.get(j) == ColumnType.NUMERIC ? "a Number" : "a LocalDate") + ".");
        }
      }
      rowIds.add(id);
      rows.add(v);
      return this;
    }

    /**
     * Builds the table.
     *
     * @return a new immutable table
     * @throws DataValidationException when an id is blank or repeated (the message names both rows)
     */
    public AccountTable build() {
      int n = rows.size();
      List<Column> cols = new ArrayList<>(names.size());
      for (int j = 0; j < names.size(); j++) {
        switch (types.get(j)) {
          case NUMERIC -> {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
              Object x = rows.get(i)[j];
              d[i] = x == null ? Double.NaN : ((Number) x).doubleValue();
            }
            cols.add(NumericColumn.of(names.get(j), d));
          }
          case CATEGORICAL -> {
            String[] s = new String[n];
            for (int i = 0; i < n; i++) {
              Object x = rows.get(i)[j];
              s[i] = x == null ? null : x.toString();
            }
            cols.add(CategoricalColumn.of(names.get(j), s));
          }
          case DATE -> {
            LocalDate[] d = new LocalDate[n];
            for (int i = 0; i < n; i++) {
              d[i] = (LocalDate) rows.get(i)[j];
            }
            cols.add(DateColumn.of(names.get(j), d));
          }
        }
      }
      return new AccountTable(
          idColumnName, rowIds.toArray(new String[0]), cols, AccountTable::rowLabel);
    }
  }

  /**
   * Builds a table from the caller's own objects with one extractor per column; see
   * {@link AccountTable#from(Iterable, Function)}.
   *
   * <p>An exception thrown by an extractor is wrapped in a {@link DataValidationException} that names
   * the column and the account. Builders are mutable and not thread-safe.
   *
   * @param <T> the type of the objects
   * @since 0.1
   */
  public static final class FromObjects<T> {

    private final Iterable<? extends T> items;
    private final Function<? super T, String> id;
    private String idColumnName = DEFAULT_ID_COLUMN;
    private final List<String> names = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Function<? super T, ?>> extractors = new ArrayList<>();

    private FromObjects(Iterable<? extends T> items, Function<? super T, String> id) {
      this.items = Objects.requireNonNull(items, "items");
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Names the id column (default {@value AccountTable#DEFAULT_ID_COLUMN}).
     *
     * @param name the id column name
     * @return this builder
     */
    public FromObjects<T> idColumn(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("The id column name must be non-blank.");
      }
      this.idColumnName = name;
      return this;
    }

    /**
     * Adds a numeric column; an extracted {@code NaN} is a missing value.
     *
     * @param name column name
     * @param extractor reads the value of an object
     * @return this builder
     */
    public FromObjects<T> numeric(String name, ToDoubleFunction<? super T> extractor) {
      Objects.requireNonNull(extractor, "extractor");
      return add(name, ColumnType.NUMERIC, t -> extractor.applyAsDouble(t));
    }

    /**
     * Adds a numeric column from a getter that may return {@code null} (a missing value), for example
     * a boxed {@code Double} or a {@code BigDecimal} field of a CRM entity.
     *
     * @param name column name
     * @param extractor reads the value of an object; {@code null} or {@code NaN} = missing
     * @return this builder
     */
    public FromObjects<T> numericNullable(
        String name, Function<? super T, ? extends Number> extractor) {
      return add(name, ColumnType.NUMERIC, extractor);
    }

    /**
     * Adds a categorical column; the label is the {@code toString()} of the extracted object (an enum,
     * a string), {@code null} or {@code ""} = missing.
     *
     * @param name column name
     * @param extractor reads the category of an object
     * @return this builder
     */
    public FromObjects<T> categorical(String name, Function<? super T, ?> extractor) {
      return add(name, ColumnType.CATEGORICAL, extractor);
    }

    /**
     * Adds a date column; {@code null} = missing.
     *
     * @param name column name
     * @param extractor reads the date of an object
     * @return this builder
     */
    public FromObjects<T> date(String name, Function<? super T, LocalDate> extractor) {
      return add(name, ColumnType.DATE, extractor);
    }

    private FromObjects<T> add(String name, ColumnType type, Function<? super T, ?> extractor) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(extractor, "extractor");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Column name must be non-blank.");
      }
      if (names.contains(name)) {
        throw new IllegalStateException("Column '" + name + "' is declared twice.");
      }
      names.add(name);
      types.add(type);
      extractors.add(extractor);
      return this;
    }

    /**
     * Iterates the objects once and builds the table.
     *
     * @return a new immutable table
     * @throws DataValidationException when an extractor fails or returns a value of the wrong type,
     *     or an id is blank or repeated; the message names the account and column
     */
    public AccountTable build() {
      List<String> idList = new ArrayList<>();
      int c = names.size();
      double[][] num = new double[c][];
      String[][] cat = new String[c][];
      LocalDate[][] dat = new LocalDate[c][];
      int cap = 1024;
      for (int j = 0; j < c; j++) {
        switch (types.get(j)) {
          case NUMERIC -> num[j] = new double[cap];
          case CATEGORICAL -> cat[j] = new String[cap];
          case DATE -> dat[j] = new LocalDate[cap];
        }
      }
      int n = 0;
      for (T item : items) {
        String accountId;
        try {
          accountId = id.apply(item);
        } catch (RuntimeException e) {
          throw new DataValidationException(
              "Extracting the id of item " + n + " failed: " + e, null, idColumnName, -1, e);
        }
        if (n == cap) {
          cap = Math.max(cap * 2, 16);
          for (int j = 0; j < c; j++) {
            switch (types.get(j)) {
              case NUMERIC -> num[j] = Arrays.copyOf(num[j], cap);
              case CATEGORICAL -> cat[j] = Arrays.copyOf(cat[j], cap);
              case DATE -> dat[j] = Arrays.copyOf(dat[j], cap);
            }
          }
        }
        for (int j = 0; j < c; j++) {
          Object x;
          try {
            x = extractors.get(j).apply(item);
          } catch (RuntimeException e) {
            throw new DataValidationException(
                "Column '" + names.get(j) + "', account \"" + accountId + "\" (item " + n
                    + "): the extractor failed: " + e,
                accountId, names.get(j), -1, e);
          }
          switch (types.get(j)) {
            case NUMERIC -> num[j][n] = x == null ? Double.NaN : ((Number) x).doubleValue();
            case CATEGORICAL -> cat[j][n] = x == null ? null : x.toString();
            case DATE -> dat[j][n] = (LocalDate) x;
          }
        }
        idList.add(accountId);
        n++;
      }
      List<Column> cols = new ArrayList<>(c);
      for (int j = 0; j < c; j++) {
        switch (types.get(j)) {
          case NUMERIC -> cols.add(NumericColumn.of(names.get(j), Arrays.copyOf(num[j], n)));
          case CATEGORICAL -> cols.add(CategoricalColumn.of(names.get(j), Arrays.copyOf(cat[j], n)));
          case DATE -> cols.add(DateColumn.of(names.get(j), Arrays.copyOf(dat[j], n)));
        }
      }
      return new AccountTable(
          idColumnName, idList.toArray(new String[0]), cols, i -> "item " + i);
    }
  }
}
