package dev.segmentation.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an {@link AccountTable} from CSV text with the streaming token API of jackson-dataformat-csv
 * (one reused {@code String[]} per record, no object mapping), so that a million rows of ten columns
 * read in about a second.
 *
 * <h2>Format</h2>
 *
 * <ul>
 *   <li>The first record is the header; it is required. Header names are stripped of surrounding white
 *       space and must be non-empty and unique.
 *   <li>A UTF-8 byte-order mark (U+FEFF as first character) is skipped. Lines end with LF or CRLF.
 *       Fields are separated by {@link CsvOptions#delimiter()} and may be quoted with
 *       {@link CsvOptions#quote()}; a quoted field may hold delimiters, line breaks and doubled quotes.
 *   <li>Lines that are empty or hold only spaces (and tabs, unless the tab is the delimiter) are
 *       skipped, as pandas and R do; every other record must have exactly as many fields as the
 *       header.
 *   <li><b>Trimming rule.</b> Every cell, quoted or not, is stripped of leading and trailing white space
 *       ({@link String#strip()}) before it is used: ids, category labels, numbers, dates and the
 *       comparison with the missing tokens all see the stripped text. Category labels and ids therefore
 *       never begin or end with white space; inner white space and line breaks are kept.
 *   <li>A cell is <em>missing</em> when its stripped text is empty or equals one of
 *       {@link CsvOptions#missingValues()} (default {@code "", "NA", "N/A", "NaN", "null"}).
 *   <li><b>Numbers</b> follow {@code [+-]? digits [sep digits]? ([eE] [+-]? digits)?} (digits may be
 *       absent on one side of the separator), where {@code sep} is {@link CsvOptions#decimalSeparator()},
 *       or are {@code Infinity} / {@code -Infinity}. Thousands separators, hexadecimal and Java's
 *       {@code f}/{@code d} suffixes are rejected. Values are the correctly rounded {@code double}, the
 *       same as {@link Double#parseDouble(String)}; {@code "-0"} reads as {@code -0.0}.
 *   <li><b>Dates</b> are ISO-8601 calendar dates ({@link LocalDate#parse(CharSequence)}, e.g.
 *       {@code 2026-11-25}).
 *   <li><b>Ids.</b> With {@link CsvOptions#idColumn()} the named column holds the ids (stripped;
 *       an empty or missing-token id is an error) and gives the table's id column name. Without it the
 *       ids are the 1-based numbers of the data records ({@code "1"}, {@code "2"}, ...; skipped blank
 *       lines and the header do not count) and the id column is named
 *       {@value AccountTable#DEFAULT_ID_COLUMN}, or {@code "row"} when the file has a data column named
 *       {@code "id"} (then {@code "row_2"}, {@code "row_3"}, ... if {@code "row"} is taken too).
 * </ul>
 *
 * <h2>Types and passes</h2>
 *
 * Types not fixed by {@link CsvOptions#columnTypes()} are inferred from every value of the column:
 * numeric when all non-missing values are numbers, else date when all are dates, else categorical; a
 * column with no non-missing value is numeric. The reader makes one pass and stores each column in
 * its typed form as it goes. When an inferred column that already stored numbers (or dates) meets a
 * value that is not one, it becomes categorical, and its original text is needed again: only then is
 * the input read a second time, for those columns only. A file is re-opened for that; a
 * {@link Reader}'s text is recorded in memory during the first pass while some inferred column could
 * still change type (never when all types are explicit). If a file changes between the two passes the
 * read fails.
 *
 * <h2>Errors</h2>
 *
 * Bad data throws {@link DataValidationException} carrying the column, the 1-based line where the
 * record starts and the account id where known; when reading a file the message starts with the file
 * name. Duplicate ids name both lines. I/O failures throw {@link UncheckedIOException} naming the path.
 *
 * <p>Stateless; the only shared object is an immutable, fully configured Jackson mapper.
 */
final class CsvTableReader {

  private static final CsvMapper MAPPER =
      CsvMapper.builder()
          .enable(
              CsvParser.Feature.WRAP_AS_ARRAY,
              CsvParser.Feature.TRIM_SPACES,
              CsvParser.Feature.SKIP_EMPTY_LINES)
          .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  /** Exact powers of ten representable as doubles, for the fast path of {@link #parseDecimal}. */
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final char BOM = '\uFEFF';
  private static final int INITIAL_CAPACITY = 1024;

  private CsvTableReader() {}

  static AccountTable read(Path path, CsvOptions options) {
    Charset charset = options.charset();
    String prefix = path.getFileName() + ": ";
    try (Reader in = open(path, charset)) {
      return new Job(options, prefix).run(in, null, () -> open(path, charset));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read CSV file " + path + ": " + describe(e, charset), e);
    }
  }

  static AccountTable read(Reader reader, CsvOptions options) {
    RecordingReader recording = new RecordingReader(reader);
    try {
      return new Job(options, "").run(recording, recording, recording::replay);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV: " + e.getMessage(), e);
    }
  }

  private static Reader open(Path path, Charset charset) throws IOException {
    // A strict decoder: malformed bytes fail instead of becoming U+FFFD.
    return new InputStreamReader(Files.newInputStream(path), charset.newDecoder());
  }

  private static String describe(IOException e, Charset charset) {
    if (e instanceof NoSuchFileException) {
      return "the file does not exist.";
    }
    if (e instanceof AccessDeniedException) {
      return "access denied.";
    }
    if (e instanceof CharacterCodingException) {
      return "the bytes are not valid " + charset.name() + " (" + e.getMessage() + ").\n"
          + "Set CsvOptions.charset(...) to the encoding of the file.";
    }
    return String.valueOf(e.getMessage());
  }

  private static Reader skipBom(Reader in) throws IOException {
    PushbackReader p = new PushbackReader(in, 1);
    int c = p.read();
    if (c != -1 && c != BOM) {
      p.unread(c);
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /**
   * Parses a number in the grammar of the class Javadoc.
   *
   * @param s stripped cell text
   * @param sep the decimal separator, {@code '.'} or {@code ','}
   * @return the value, or {@code NaN} when {@code s} is not a number (the grammar has no NaN)
   */
  static double parseDecimal(String s, char sep) {
    int n = s.length();
    if (n == 0) {
      return Double.NaN;
    }
    int i = 0;
    boolean negative = false;
    char c = s.charAt(0);
    if (c == '-' || c == '+') {
      negative = c == '-';
      i = 1;
    }
    if (i < n && s.charAt(i) == 'I') {
      if (n - i == 8 && s.startsWith("Infinity", i)) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return Double.NaN;
    }
    long mantissa = 0;
    int significant = 0; // digits in mantissa from the first non-zero one
    int scale = 0; // value = mantissa * 10^(scale + exponent)
    boolean exact = true; // false when digits did not fit the mantissa
    boolean anyDigit = false;
    while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
      anyDigit = true;
      if (significant < 18) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        exact = false;
      }
      i++;
    }
    if (i < n && s.charAt(i) == sep) {
      i++;
      while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
        anyDigit = true;
        if (significant < 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            significant++;
          }
          scale--;
        } else {
          exact = false;
        }
        i++;
      }
    }
    if (!anyDigit) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < n && ((c = s.charAt(i)) == 'e' || c == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < n && ((c = s.charAt(i)) == '-' || c == '+')) {
        negativeExponent = c == '-';
        i++;
      }
      int start = i;
      while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
        if (exponent < 100_000) {
          exponent = exponent * 10 + (c - '0');
        }
        i++;
      }
      if (i == start) {
        return Double.NaN;
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (i != n) {
      return Double.NaN;
    }
    if (exact && significant <= 15) {
      // Clinger's fast path: mantissa < 10^15 < 2^53 and 10^|e| <= 10^22 are exact doubles, so one
      // multiplication or division gives the correctly rounded result.
      if (mantissa == 0) {
        return negative ? -0.0 : 0.0;
      }
      int e = scale + exponent;
      double v = mantissa;
      if (e >= 0 && e <= 22) {
        v *= POW10[e];
        return negative ? -v : v;
      }
      if (e < 0 && e >= -22) {
        v /= POW10[-e];
        return negative ? -v : v;
      }
    }
    // Validated above, so parseDouble (whose grammar is a superset) cannot fail.
    return Double.parseDouble(sep == '.' ? s : s.replace(sep, '.'));
  }

  /**
   * Parses an ISO-8601 calendar date.
   *
   * @param s stripped cell text
   * @return the epoch day, or {@link DateColumn#MISSING_EPOCH_DAY} when {@code s} is not a date
   */
  static long parseEpochDay(String s) {
    int n = s.length();
    if (n < 10 || s.charAt(n - 3) != '-' || s.charAt(n - 6) != '-') {
      return DateColumn.MISSING_EPOCH_DAY;
    }
    if (n == 10) {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 7);
      int day = digits(s, 8, 10);
      if (year >= 0 && month >= 0 && day >= 0) {
        if (month < 1 || month > 12 || day < 1
            || day > Month.of(month).length(Year.isLeap(year))) {
          return DateColumn.MISSING_EPOCH_DAY;
        }
        return LocalDate.of(year, month, day).toEpochDay();
      }
    }
    try {
      return LocalDate.parse(s).toEpochDay();
    } catch (DateTimeParseException e) {
      // Not a date: the caller reports it (re-parsing for the cause) or infers another type.
      return DateColumn.MISSING_EPOCH_DAY;
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @FunctionalInterface
  private interface Reopen {
    Reader open() throws IOException;
  }

  /** One read of one input: header, columns under construction, ids and record lines. */
  private static final class Job {

    private final CsvOptions options;
    private final String prefix;
    private final char decimal;
    private final String[] missingTokens; // non-empty tokens; few, so a scan beats hashing

    private String[] header;
    private int idField = -1;
    private String idName;
    private Col[] cols;
    private int revisable; // inferred columns whose type may still change
    private boolean secondPass;
    private RecordingReader recorder;

    private String[] ids = new String[INITIAL_CAPACITY];
    private int[] lines = new int[INITIAL_CAPACITY];
    private int capacity = INITIAL_CAPACITY;
    private int n;

    Job(CsvOptions options, String prefix) {
      this.options = options;
      this.prefix = prefix;
      this.decimal = options.decimalSeparator();
      this.missingTokens =
          options.missingValues().stream().filter(t -> !t.isEmpty()).toArray(String[]::new);
    }

    AccountTable run(Reader first, RecordingReader recording, Reopen reopen) throws IOException {
      this.recorder = recording;
      try (Records records = new Records(skipBom(first), options)) {
        try {
          if (!records.next()) {
            throw new DataValidationException(
                prefix + "The CSV input is empty; a header row is required.", null, null, -1, null);
          }
          readHeader(records);
          stopRecordingIfSafe();
          while (records.next()) {
            acceptRecord(records);
          }
        } catch (JsonProcessingException e) {
          throw malformed(e, records);
        }
      }
      if (secondPass) {
        reread(reopen);
      }
      if (recorder != null) {
        recorder.stop();
      }
      return build();
    }

    private boolean isMissing(String stripped) {
      int length = stripped.length();
      if (length == 0) {
        return true;
      }
      for (String token : missingTokens) {
        if (token.length() == length && token.equals(stripped)) {
          return true;
        }
      }
      return false;
    }

    private void readHeader(Records records) {
      int line = records.line;
      header = new String[records.count];
      Map<String, Integer> position = new LinkedHashMap<>();
      for (int j = 0; j < records.count; j++) {
        String name = records.fields[j].strip();
        if (name.isEmpty()) {
          throw new DataValidationException(
              prefix + "Header column " + (j + 1) + " (line " + line
                  + ") is empty; every column needs a name.",
              null, null, line, null);
        }
        Integer previous = position.putIfAbsent(name, j);
        if (previous != null) {
          throw new DataValidationException(
              prefix + "Column '" + name + "' appears twice in the header (columns "
                  + (previous + 1) + " and " + (j + 1) + "); column names must be unique.",
              null, name, line, null);
        }
        header[j] = name;
      }
      String columnList = String.join(", ", header);
      if (options.idColumn().isPresent()) {
        idName = options.idColumn().get();
        Integer at = position.get(idName);
        if (at == null) {
          throw new DataValidationException(
              prefix + "CsvOptions.idColumn '" + idName + "' is not in the header; columns are: "
                  + columnList + ".",
              null, idName, line, null);
        }
        idField = at;
      } else {
        idName = defaultIdName(position.keySet());
      }
      Set<String> unknown = new TreeSet<>();
      for (String typed : options.columnTypes().keySet()) {
        if (typed.equals(idName) && idField >= 0) {
          throw new DataValidationException(
              prefix + "CsvOptions.columnType is set for the id column '" + idName
                  + "'; ids are always text, so remove that type.",
              null, idName, line, null);
        }
        if (!position.containsKey(typed)) {
          unknown.add(typed);
        }
      }
      if (!unknown.isEmpty()) {
        throw new DataValidationException(
            prefix + "CsvOptions.columnType names '" + String.join("', '", unknown)
                + (unknown.size() == 1 ? "', which is not a column" : "', which are not columns")
                + " of the header; columns are: " + columnList + ".",
            null, unknown.iterator().next(), line, null);
      }
      List<Col> list = new ArrayList<>();
      for (int j = 0; j < header.length; j++) {
        if (j != idField) {
          ColumnType explicit = options.columnTypes().get(header[j]);
          Col c = new Col(header[j], j, explicit);
          if (explicit == null) {
            revisable++;
          }
          list.add(c);
        }
      }
      cols = list.toArray(new Col[0]);
    }

    private static String defaultIdName(Set<String> names) {
      if (!names.contains(AccountTable.DEFAULT_ID_COLUMN)) {
        return AccountTable.DEFAULT_ID_COLUMN;
      }
      if (!names.contains("row")) {
        return "row";
      }
      for (int k = 2; ; k++) {
        if (!names.contains("row_" + k)) {
          return "row_" + k;
        }
      }
    }

    private void stopRecordingIfSafe() {
      if (recorder != null && revisable == 0 && !secondPass) {
        recorder.stop();
      }
    }

    private void checkFieldCount(Records records) {
      if (records.count != header.length) {
        String advice =
            records.count > header.length
                ? "\nValues that contain the delimiter '" + options.delimiter()
                    + "' must be quoted with '" + options.quote() + "'."
                : "";
        throw new DataValidationException(
            prefix + "Line " + records.line + " has " + records.count
                + (records.count == 1 ? " field" : " fields") + ", but the header has "
                + header.length + "." + advice,
            null, null, records.line, null);
      }
    }

    private void acceptRecord(Records records) {
      checkFieldCount(records);
      int line = records.line;
      if (n == capacity) {
        grow();
      }
      String id;
      if (idField >= 0) {
        String raw = records.fields[idField];
        id = raw.strip();
        if (isMissing(id)) {
          throw new DataValidationException(
              prefix + "Line " + line + ": the id in column '" + idName + "' is "
                  + (id.isEmpty() ? "empty" : "the missing-value token \"" + id + "\"")
                  + "; every account needs an id.",
              null, idName, line, null);
        }
      } else {
        id = Integer.toString(n + 1);
      }
      ids[n] = id;
      lines[n] = line;
      for (Col c : cols) {
        c.accept(n, records.fields[c.field], line, id);
      }
      n++;
    }

    private void grow() {
      int newCapacity = capacity * 2;
      if (newCapacity < 0) {
        throw new DataValidationException(
            prefix + "The CSV input has more rows than a table can hold (" + capacity + ").");
      }
      ids = Arrays.copyOf(ids, newCapacity);
      lines = Arrays.copyOf(lines, newCapacity);
      for (Col c : cols) {
        c.grow(newCapacity);
      }
      capacity = newCapacity;
    }

    private void reread(Reopen reopen) throws IOException {
      List<Col> again = new ArrayList<>();
      for (Col c : cols) {
        if (c.reread) {
          c.startCategorical(Math.max(n, 1));
          again.add(c);
        }
      }
      try (Reader in = reopen.open();
          Records records = new Records(skipBom(in), options)) {
        try {
          if (!records.next() || records.count != header.length) {
            throw changed("the header changed");
          }
          int row = 0;
          while (records.next()) {
            checkFieldCount(records);
            if (row >= n || records.line != lines[row]) {
              throw changed("line " + records.line + " was not in the first pass");
            }
            for (Col c : again) {
              c.accept(row, records.fields[c.field], records.line, ids[row]);
            }
            row++;
          }
          if (row != n) {
            throw changed("the second pass found " + row + " records, the first " + n);
          }
        } catch (JsonProcessingException e) {
          throw malformed(e, records);
        }
      }
    }

    private DataValidationException changed(String detail) {
      return new DataValidationException(
          prefix + "The CSV input changed while it was read twice to infer column types ("
              + detail + ").\nRead it again, or give every column type in CsvOptions.columnType.",
          null, null, -1, null);
    }

    private DataValidationException malformed(JsonProcessingException e, Records records) {
      JsonLocation at = e.getLocation();
      int line = records.inRecord ? records.line : (at == null ? -1 : at.getLineNr());
      String where =
          at == null ? "" : " (detected at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return new DataValidationException(
          prefix + "Line " + line + ": the CSV text is malformed: " + e.getOriginalMessage() + where
              + ".",
          null, null, line, e);
    }

    private AccountTable build() {
      List<Column> columns = new ArrayList<>(cols.length);
      for (Col c : cols) {
        columns.add(c.toColumn());
      }
      String[] tableIds = ids.length == n ? ids : Arrays.copyOf(ids, n);
      int[] rowLines = lines;
      try {
        return AccountTable.create(idName, tableIds, columns, i -> "line " + rowLines[i]);
      } catch (DataValidationException e) {
        // Add the file name and the line of the second occurrence of the duplicate id.
        long line = -1;
        if (e.accountId().isPresent()) {
          String dup = e.accountId().get();
          boolean first = true;
          for (int i = 0; i < n && line < 0; i++) {
            if (tableIds[i].equals(dup)) {
              if (first) {
                first = false;
              } else {
                line = rowLines[i];
              }
            }
          }
        }
        throw new DataValidationException(
            prefix + e.getMessage(), e.accountId().orElse(null), e.column().orElse(null), line, e);
      }
    }

    /** A data column under construction. */
    private final class Col {

      final String name;
      final int field;
      final boolean inferred;
      ColumnType type; // null while every value so far was missing (inferred columns only)
      boolean reread; // inferred numeric/date column that met other text; read again as categorical

      double[] numbers;
      long[] days;
      int[] codes;
      Map<String, Integer> levelIndex;
      List<String> levels;

      Col(String name, int field, ColumnType explicit) {
        this.name = name;
        this.field = field;
        this.inferred = explicit == null;
        if (explicit != null) {
          become(explicit, 0);
        }
      }

      /** Sets the type and allocates storage, with rows {@code [0, filled)} missing. */
      private void become(ColumnType newType, int filled) {
        type = newType;
        switch (newType) {
          case NUMERIC -> {
            numbers = new double[capacity];
            Arrays.fill(numbers, 0, filled, Double.NaN);
          }
          case DATE -> {
            days = new long[capacity];
            Arrays.fill(days, 0, filled, DateColumn.MISSING_EPOCH_DAY);
          }
          case CATEGORICAL -> {
            codes = new int[capacity];
            Arrays.fill(codes, 0, filled, CategoricalColumn.MISSING_CODE);
            levelIndex = new HashMap<>();
            levels = new ArrayList<>();
          }
        }
      }

      void startCategorical(int size) {
        reread = false;
        numbers = null;
        days = null;
        type = ColumnType.CATEGORICAL;
        codes = new int[size];
        levelIndex = new HashMap<>();
        levels = new ArrayList<>();
      }

      void grow(int newCapacity) {
        if (numbers != null) {
          numbers = Arrays.copyOf(numbers, newCapacity);
        }
        if (days != null) {
          days = Arrays.copyOf(days, newCapacity);
        }
        if (codes != null) {
          codes = Arrays.copyOf(codes, newCapacity);
        }
      }

      void accept(int row, String raw, int line, String id) {
        if (reread) {
          return;
        }
        String v = raw.strip();
        boolean missing = isMissing(v);
        if (type == null) {
          if (missing) {
            return;
          }
          if (!Double.isNaN(parseDecimal(v, decimal))) {
            become(ColumnType.NUMERIC, row);
          } else if (parseEpochDay(v) != DateColumn.MISSING_EPOCH_DAY) {
            become(ColumnType.DATE, row);
          } else {
            become(ColumnType.CATEGORICAL, row);
            revisable--;
            stopRecordingIfSafe();
          }
        }
        switch (type) {
          case NUMERIC -> {
            if (missing) {
              numbers[row] = Double.NaN;
              return;
            }
            double d = parseDecimal(v, decimal);
            if (!Double.isNaN(d)) {
              numbers[row] = d;
            } else if (inferred) {
              markReread();
            } else {
              throw notANumber(v, line, id);
            }
          }
          case DATE -> {
            if (missing) {
              days[row] = DateColumn.MISSING_EPOCH_DAY;
              return;
            }
            long day = parseEpochDay(v);
            if (day != DateColumn.MISSING_EPOCH_DAY) {
              days[row] = day;
            } else if (inferred) {
              markReread();
            } else {
              throw notADate(v, line, id);
            }
          }
          case CATEGORICAL -> codes[row] = missing ? CategoricalColumn.MISSING_CODE : code(v);
        }
      }

      private int code(String label) {
        Integer c = levelIndex.get(label);
        if (c == null) {
          c = levels.size();
          levelIndex.put(label, c);
          levels.add(label);
        }
        return c;
      }

      private void markReread() {
        reread = true;
        numbers = null;
        days = null;
        secondPass = true;
        revisable--;
      }

      private String where(int line, String id) {
        return prefix + "Column '" + name + "', line " + line + " (account \"" + id + "\"): ";
      }

      private DataValidationException notANumber(String v, int line, String id) {
        char other = decimal == '.' ? ',' : '.';
        String advice = "";
        boolean hasOther = v.indexOf(other) >= 0;
        boolean hasOwn = v.indexOf(decimal) >= 0;
        if (hasOther && hasOwn) {
          advice = "\nThousands separators are not accepted; remove them from the file.";
        } else if (hasOther && !Double.isNaN(parseDecimal(v, other))) {
          advice = decimal == '.'
              ? "\nSet CsvOptions.decimalSeparator(',') if the file uses decimal commas."
              : "\nSet CsvOptions.decimalSeparator('.') if the file uses decimal points.";
        }
        return new DataValidationException(
            where(line, id) + "\"" + v + "\" is not a number; expected a decimal with '" + decimal
                + "'." + advice,
            id, name, line, null);
      }

      private DataValidationException notADate(String v, int line, String id) {
        Exception cause = null;
        try {
          LocalDate.parse(v);
        } catch (DateTimeParseException e) {
          cause = e;
        }
        return new DataValidationException(
            where(line, id) + "\"" + v + "\" is not a date; expected an ISO-8601 date such as"
                + " 2026-11-25.",
            id, name, line, cause);
      }

      Column toColumn() {
        if (type == null) {
          double[] all = new double[n];
          Arrays.fill(all, Double.NaN);
          return NumericColumn.of(name, all);
        }
        return switch (type) {
          case NUMERIC -> NumericColumn.of(name, trimmed(numbers));
          case DATE -> DateColumn.ofEpochDays(name, days.length == n ? days : Arrays.copyOf(days, n));
          case CATEGORICAL ->
              CategoricalColumn.ofCodes(
                  name, codes.length == n ? codes : Arrays.copyOf(codes, n), levels);
        };
      }

      private double[] trimmed(double[] a) {
        return a.length == n ? a : Arrays.copyOf(a, n);
      }
    }
  }

  /** Iterates the records of CSV text; the fields array is reused from record to record. */
  private static final class Records implements Closeable {

    private final CsvParser parser;
    String[] fields = new String[16];
    int count;
    int line;
    boolean inRecord;

    Records(Reader in, CsvOptions options) throws IOException {
      parser = MAPPER.getFactory().createParser(in);
      parser.setSchema(
          CsvSchema.emptySchema()
              .withColumnSeparator(options.delimiter())
              .withQuoteChar(options.quote())
              .withoutEscapeChar());
      parser.nextToken(); // the array that wraps all records
    }

    boolean next() throws IOException {
      inRecord = false;
      JsonToken t = parser.nextToken();
      if (t != JsonToken.START_ARRAY) {
        return false;
      }
      inRecord = true;
      line = parser.currentLocation().getLineNr();
      int c = 0;
      while (parser.nextToken() == JsonToken.VALUE_STRING) {
        if (c == fields.length) {
          fields = Arrays.copyOf(fields, c * 2);
        }
        fields[c++] = parser.getText();
      }
      count = c;
      inRecord = false;
      return true;
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  /**
   * Passes a caller's reader through, recording the characters read until {@link #stop()}, so that the
   * text can be read a second time; never closes the caller's reader.
   */
  private static final class RecordingReader extends FilterReader {

    private StringBuilder text = new StringBuilder();

    RecordingReader(Reader in) {
      super(in);
    }

    void stop() {
      text = null;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0 && text != null) {
        text.append((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int k = in.read(buffer, offset, length);
      if (k > 0 && text != null) {
        text.append(buffer, offset, k);
      }
      return k;
    }

    @Override
    public long skip(long count) throws IOException {
      char[] buffer = new char[(int) Math.min(count, 8192)];
      int k = read(buffer, 0, buffer.length);
      return Math.max(k, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
      throw new IOException("mark is not supported");
    }

    @Override
    public void reset() throws IOException {
      throw new IOException("reset is not supported");
    }

    @Override
    public void close() {
      // The caller owns the reader.
    }

    /** Returns a reader over the recorded text (read to the end of the input first). */
    Reader replay() throws IOException {
      if (text == null) {
        throw new IllegalStateException("The CSV text was not recorded.");
      }
      char[] rest = new char[8192];
      while (read(rest, 0, rest.length) >= 0) {
        // Recording the remainder, if the parser stopped before the end.
      }
      StringBuilder recorded = text;
      return new Reader() {
        private int position;

        @Override
        public int read(char[] buffer, int offset, int length) {
          if (position >= recorded.length()) {
            return -1;
          }
          int k = Math.min(length, recorded.length() - position);
          recorded.getChars(position, position + k, buffer, offset);
          position += k;
          return k;
        }

        @Override
        public void close() {
          // Nothing to release.
        }
      };
    }
  }
}
