package dev.segmentation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReadTest {

  @TempDir Path dir;

  private static AccountTable read(String csv) {
    return read(csv, CsvOptions.defaults());
  }

  private static AccountTable read(String csv, CsvOptions options) {
    return AccountTable.readCsv(new StringReader(csv), options);
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  // ------------------------------------------------------------------------------------------
  // Syntax

  @Test
  void quotedFieldsKeepDelimitersDoubledQuotesAndLineBreaks() {
    AccountTable t =
        read(
            "id,name,n\n"
                + "A,\"Smith, John\",1\n"
                + "B,\"say \"\"hi\"\"\",2\n"
                + "C,\"two\nlines\",3\n"
                + "D,\"crlf\r\ninside\",4\n",
            CsvOptions.defaults().idColumn("id"));
    CategoricalColumn name = t.categorical("name");
    assertEquals(Optional.of("Smith, John"), name.value(0), "label with a quoted comma");
    assertEquals(Optional.of("say \"hi\""), name.value(1), "label with doubled quotes");
    assertEquals(Optional.of("two\nlines"), name.value(2), "label with a line break");
    assertEquals(Optional.of("crlf\r\ninside"), name.value(3), "label with a CRLF inside quotes");
    assertEquals(List.of("A", "B", "C", "D"), t.ids(), "ids");
    assertEquals(4.0, t.numeric("n").get(3), "n after multi-line fields");
  }

  @Test
  void emptyCellsAndMissingTokensAreMissing() {
    AccountTable t =
        read("a,b,c\n1,,x\n,NA,\n3, N/A ,null\n NaN ,4,y\n");
    NumericColumn a = t.numeric("a");
    NumericColumn b = t.numeric("b");
    assertTrue(Double.isNaN(a.get(1)), "empty numeric cell is NaN");
    assertTrue(Double.isNaN(a.get(3)), "' NaN ' (token after stripping) is NaN");
    assertTrue(Double.isNaN(b.get(0)), "empty cell");
    assertTrue(Double.isNaN(b.get(1)), "'NA' token");
    assertTrue(Double.isNaN(b.get(2)), "' N/A ' token after stripping");
    assertEquals(4.0, b.get(3), "b in row 4");
    CategoricalColumn c = t.categorical("c");
    assertEquals(List.of("x", "y"), c.levels(), "levels of c without missing tokens");
    assertEquals(2, c.missingCount(), "missing count of c ('' and 'null')");
  }

  @Test
  void customMissingTokens() {
    AccountTable t =
        read("a,b\n-,NA\n2,x\n", CsvOptions.defaults().missingValues("-"));
    assertTrue(Double.isNaN(t.numeric("a").get(0)), "'-' is missing");
    assertEquals(List.of("NA", "x"), t.categorical("b").levels(), "'NA' is a label once not a token");
  }

  @Test
  void byteOrderMarkIsSkippedFromReaderAndFile() throws IOException {
    String csv = "\uFEFFid,x\nA,1\n";
    AccountTable fromReader = read(csv, CsvOptions.defaults().idColumn("id"));
    assertEquals(List.of("x"), fromReader.columnNames(), "column names after a BOM (reader)");
    assertEquals("id", fromReader.idColumnName(), "id column after a BOM");
    AccountTable fromFile =
        AccountTable.readCsv(file("bom.csv", csv), CsvOptions.defaults().idColumn("id"));
    assertEquals(fromReader, fromFile, "file with BOM equals reader with BOM");
    AccountTable quoted = read("\uFEFF\"id\",x\nA,1\n", CsvOptions.defaults().idColumn("id"));
    assertEquals(fromReader, quoted, "BOM before a quoted header name");
  }

  @Test
  void crlfAndLfGiveTheSameTable() {
    AccountTable lf = read("a,b\n1,x\n2,y\n");
    AccountTable crlf = read("a,b\r\n1,x\r\n2,y\r\n");
    AccountTable noFinalNewline = read("a,b\r\n1,x\r\n2,y");
    assertEquals(lf, crlf, "CRLF table");
    assertEquals(lf, noFinalNewline, "table without a final line break");
  }

  @Test
  void semicolonDelimiterWithDecimalCommas() {
    CsvOptions options = CsvOptions.defaults().delimiter(';').decimalSeparator(',');
    AccountTable t = read("id;Fresh;Region\nA;12,5;Nord\nB;-3,25e2;Süd\nC;7;\n", options.idColumn("id"));
    assertEquals(ColumnType.NUMERIC, t.column("Fresh").type(), "type of Fresh");
    assertEquals(12.5, t.numeric("Fresh").get(0), "decimal comma 12,5");
    assertEquals(-325.0, t.numeric("Fresh").get(1), "decimal comma with exponent");
    assertEquals(7.0, t.numeric("Fresh").get(2), "integer with decimal comma option");
    assertEquals(List.of("Nord", "Süd"), t.categorical("Region").levels(), "Region levels");
  }

  @Test
  void commaDelimiterWithDecimalCommasNeedsQuotes() {
    AccountTable t = read("a,b\n\"1,5\",2\n", CsvOptions.defaults().decimalSeparator(','));
    assertEquals(1.5, t.numeric("a").get(0), "quoted decimal comma");
  }

  @Test
  void tabDelimiterAndSingleQuote() {
    CsvOptions options = CsvOptions.defaults().delimiter('\t').quote('\'');
    AccountTable t = read("a\tb\n1\t'it''s\ta'\n\t\n", options);
    assertEquals(Optional.of("it's\ta"), t.categorical("b").value(0), "single-quoted label with tab");
    assertEquals(2, t.rowCount(), "row of two empty fields is a row");
    assertTrue(t.numeric("a").isMissing(1), "empty field with tab delimiter");
  }

  @Test
  void cellsAreStrippedQuotedOrNot() {
    AccountTable t = read("k , v\n  x  ,\"  y \"\n\t1\t, \"  2\"\n");
    assertEquals(List.of("k", "v"), t.columnNames(), "header names are stripped");
    assertEquals(List.of("x", "1"), t.categorical("k").levels(), "unquoted labels are stripped");
    assertEquals(List.of("y", "2"), t.categorical("v").levels(), "quoted labels are stripped");
  }

  @Test
  void blankLinesAreSkippedAndLinesStillCount() {
    CsvOptions numeric = CsvOptions.defaults().columnType("x", ColumnType.NUMERIC);
    AccountTable t = read("x\n1\n\n   \n2\n", numeric);
    assertEquals(2, t.rowCount(), "blank lines are not rows");
    assertEquals(List.of("1", "2"), t.ids(), "row numbers count data records only");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> read("x\n1\n\n\nbad\n", numeric));
    assertEquals(5L, e.line().orElse(-1), "line of the bad value after blank lines");
  }

  // ------------------------------------------------------------------------------------------
  // Types

  @Test
  void inferredTypes() {
    AccountTable t =
        read(
            "num,date,cat,none,mixed,codes\n"
                + "1,2026-11-25,Retail,,1,01\n"
                + "-2.5e3,,Horeca,NA,2026-01-01,2\n"
                + "Infinity,2020-02-29,12,,x,\n"
                + ",0001-01-01,,,,3\n");
    assertEquals(ColumnType.NUMERIC, t.column("num").type(), "type of all-number column");
    assertEquals(ColumnType.DATE, t.column("date").type(), "type of all-date column");
    assertEquals(ColumnType.CATEGORICAL, t.column("cat").type(), "type of text column");
    assertEquals(ColumnType.NUMERIC, t.column("none").type(), "type of all-missing column");
    assertEquals(ColumnType.CATEGORICAL, t.column("mixed").type(), "number+date+text column");
    assertEquals(ColumnType.NUMERIC, t.column("codes").type(), "leading zeros still numeric");
    assertEquals(-2500.0, t.numeric("num").get(1), "num row 2");
    assertEquals(Double.POSITIVE_INFINITY, t.numeric("num").get(2), "Infinity");
    assertEquals(Optional.of(LocalDate.of(2020, 2, 29)), t.date("date").value(2), "leap day");
    assertEquals(Optional.of(LocalDate.of(1, 1, 1)), t.date("date").value(3), "year 1");
    assertTrue(t.date("date").isMissing(1), "missing date");
    assertEquals(List.of("Retail", "Horeca", "12"), t.categorical("cat").levels(), "cat levels");
    assertEquals(4, t.numeric("none").missingCount(), "all-missing column is all NaN");
    assertEquals(
        List.of("1", "2026-01-01", "x"), t.categorical("mixed").levels(), "mixed keeps the text");
    assertTrue(t.categorical("mixed").isMissing(3), "missing in a mixed column");
  }

  @Test
  void columnBecomingCategoricalLateIsReadAgainFromFileAndReader() throws IOException {
    StringBuilder sb = new StringBuilder("id,x,y\n");
    for (int i = 1; i <= 3000; i++) {
      sb.append("A").append(i).append(',').append(i % 7 == 0 ? "" : "1.50").append(',')
          .append(i).append('\n');
    }
    sb.append("Z,n/a,2026-01-01\n");
    String csv = sb.toString();
    CsvOptions options = CsvOptions.defaults().idColumn("id");
    AccountTable fromReader = read(csv, options);
    AccountTable fromFile = AccountTable.readCsv(file("late.csv", csv), options);
    assertEquals(fromReader, fromFile, "reader and file agree");
    CategoricalColumn x = fromFile.categorical("x");
    assertEquals(List.of("1.50", "n/a"), x.levels(), "x keeps its original text");
    assertTrue(x.isMissing(6), "x row 7 is missing");
    assertEquals("1.50", x.format(0), "x row 1 text");
    assertEquals(ColumnType.CATEGORICAL, fromFile.column("y").type(), "numbers then a date");
    assertEquals(Optional.of("3000"), fromFile.categorical("y").value(2999), "y text");
  }

  @Test
  void explicitTypesOverrideInference() {
    CsvOptions options =
        CsvOptions.defaults()
            .columnType("Region", ColumnType.CATEGORICAL)
            .columnType("since", ColumnType.DATE)
            .columnType("empty", ColumnType.CATEGORICAL);
    AccountTable t = read("Region,since,empty\n3,,\n1,2026-11-25,\n3,,\n", options);
    assertEquals(List.of("3", "1"), t.categorical("Region").levels(), "numeric codes as labels");
    assertEquals(ColumnType.DATE, t.column("since").type(), "explicit date type");
    assertEquals(ColumnType.CATEGORICAL, t.column("empty").type(), "explicit type of empty column");
    assertEquals(3, t.column("empty").missingCount(), "empty column missing count");
  }

  @Test
  void readerIsReadToTheEndAndNotClosed() {
    CsvOptions explicit =
        CsvOptions.defaults().idColumn("id").columnType("a", ColumnType.NUMERIC);
    for (CsvOptions options : List.of(explicit, CsvOptions.defaults().idColumn("id"))) {
      Reader reader = new StringReader("id,a\nx,1\ny,2\n");
      AccountTable t = AccountTable.readCsv(reader, options);
      assertEquals(2, t.rowCount(), "rows with " + options);
      assertEquals(-1, readOne(reader), "reader at its end and still open with " + options);
    }
  }

  private static int readOne(Reader reader) {
    try {
      return reader.read();
    } catch (IOException e) {
      throw new AssertionError("the reader was closed", e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Ids

  @Test
  void idColumnGivesIdsAndName() {
    AccountTable t = read("x,account\n1, C-1 \n2,\"C-2\"\n", CsvOptions.defaults().idColumn("account"));
    assertEquals("account", t.idColumnName(), "id column name");
    assertEquals(List.of("C-1", "C-2"), t.ids(), "ids (stripped)");
    assertEquals(List.of("x"), t.columnNames(), "data columns exclude the id column");
  }

  @Test
  void rowNumbersAreIdsWithoutIdColumn() {
    AccountTable t = read("x\n5\n6\n7\n");
    assertEquals(AccountTable.DEFAULT_ID_COLUMN, t.idColumnName(), "default id column name");
    assertEquals(List.of("1", "2", "3"), t.ids(), "1-based row numbers");
  }

  @Test
  void dataColumnNamedIdMovesRowNumbersToRow() {
    AccountTable t = read("id,x\nA,1\nB,2\n");
    assertEquals("row", t.idColumnName(), "id column name when 'id' is a data column");
    assertEquals(List.of("id", "x"), t.columnNames(), "'id' stays a data column");
    AccountTable u = read("id,row,x\nA,1,1\n");
    assertEquals("row_2", u.idColumnName(), "id column name when 'id' and 'row' are taken");
  }

  @Test
  void missingIdIsAnError() {
    CsvOptions options = CsvOptions.defaults().idColumn("id");
    DataValidationException blank =
        assertThrows(DataValidationException.class, () -> read("id,x\nA,1\n  ,2\n", options));
    assertEquals(
        "Line 3: the id in column 'id' is empty; every account needs an id.",
        blank.getMessage(),
        "message for a blank id");
    assertEquals(3L, blank.line().orElse(-1), "line of the blank id");
    DataValidationException token =
        assertThrows(DataValidationException.class, () -> read("id,x\nNA,1\n", options));
    assertTrue(
        token.getMessage().contains("missing-value token \"NA\""), "message for id 'NA': " + token);
  }

  @Test
  void duplicateIdNamesBothLines() {
    String csv = "id,note\nA,first\nB,\"two\nlines\"\n\nA,again\n";
    DataValidationException e =
        assertThrows(
            DataValidationException.class, () -> read(csv, CsvOptions.defaults().idColumn("id")));
    // AccountTable words the pair of labels ("line 2 and line 6" or "lines 2 and 6").
    assertTrue(
        e.getMessage().matches("Duplicate account id \"A\" at lines? 2 and (line )?6; ids must be unique\\."),
        "duplicate id message names both lines: " + e.getMessage());
    assertEquals(Optional.of("A"), e.accountId(), "account id of the duplicate");
    assertEquals(6L, e.line().orElse(-1), "line of the second occurrence");
    DataValidationException thrice =
        assertThrows(
            DataValidationException.class,
            () -> read("id\nA\nB\nA\nA\n", CsvOptions.defaults().idColumn("id")));
    assertEquals(4L, thrice.line().orElse(-1), "line of the second of three occurrences");
  }

  @Test
  void unknownIdColumnListsTheColumns() {
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> read("Channel,Region,Fresh\n1,2,3\n", CsvOptions.defaults().idColumn("acct")));
    assertEquals(
        "CsvOptions.idColumn 'acct' is not in the header; columns are: Channel, Region, Fresh.",
        e.getMessage(),
        "unknown id column message");
  }

  @Test
  void unknownTypedColumnListsTheColumns() {
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () ->
                read(
                    "Channel,Grocery\n1,2\n",
                    CsvOptions.defaults().columnType("Grocry", ColumnType.NUMERIC)));
    assertEquals(
        "CsvOptions.columnType names 'Grocry', which is not a column of the header; columns are:"
            + " Channel, Grocery.",
        e.getMessage(),
        "unknown typed column message");
    DataValidationException two =
        assertThrows(
            DataValidationException.class,
            () ->
                read(
                    "Channel\n1\n",
                    CsvOptions.defaults()
                        .columnType("it's", ColumnType.NUMERIC)
                        .columnType("B", ColumnType.DATE)));
    assertEquals(
        "CsvOptions.columnType names 'B', 'it's', which are not columns of the header; columns are:"
            + " Channel.",
        two.getMessage(),
        "two unknown typed columns message");
    assertEquals(Optional.of("B"), two.column(), "first unknown typed column");
  }

  @Test
  void typeForTheIdColumnIsRejected() {
    CsvOptions options =
        CsvOptions.defaults().idColumn("id").columnType("id", ColumnType.NUMERIC);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> read("id,x\n1,2\n", options));
    assertTrue(e.getMessage().contains("id column 'id'"), "message names the id column: " + e);
  }

  // ------------------------------------------------------------------------------------------
  // Errors

  private static String grocery() {
    StringBuilder sb = new StringBuilder("customer,Grocery\n");
    for (int i = 1; i <= 15; i++) {
      sb.append(String.format(Locale.ROOT, "C-%04d,%d%n", i, i * 100).replace("\r", ""));
    }
    sb.append("C-0042,\"12,5\"\n");
    return sb.toString();
  }

  @Test
  void badNumberNamesColumnLineAndAccount() {
    CsvOptions options =
        CsvOptions.defaults().idColumn("customer").columnType("Grocery", ColumnType.NUMERIC);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> read(grocery(), options));
    assertEquals(
        "Column 'Grocery', line 17 (account \"C-0042\"): \"12,5\" is not a number; expected a"
            + " decimal with '.'.\nSet CsvOptions.decimalSeparator(',') if the file uses decimal"
            + " commas.",
        e.getMessage(),
        "bad number message");
    assertEquals(Optional.of("C-0042"), e.accountId(), "account id of the bad number");
    assertEquals(Optional.of("Grocery"), e.column(), "column of the bad number");
    assertEquals(17L, e.line().orElse(-1), "line of the bad number");
  }

  @Test
  void errorsFromAFileStartWithTheFileName() throws IOException {
    Path p = file("accounts.csv", grocery());
    CsvOptions options =
        CsvOptions.defaults().idColumn("customer").columnType("Grocery", ColumnType.NUMERIC);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> AccountTable.readCsv(p, options));
    assertTrue(
        e.getMessage().startsWith("accounts.csv: Column 'Grocery', line 17 (account \"C-0042\")"),
        "message prefix: " + e.getMessage());
    Path dup = file("dup.csv", "id\nA\nA\n");
    DataValidationException d =
        assertThrows(
            DataValidationException.class,
            () -> AccountTable.readCsv(dup, CsvOptions.defaults().idColumn("id")));
    assertTrue(
        d.getMessage().matches("dup\\.csv: Duplicate account id \"A\" at lines? 2 and (line )?3; ids must be unique\\."),
        "duplicate id message from a file: " + d.getMessage());
    assertNotNull(d.getCause(), "the unprefixed exception is kept as cause");
  }

  @Test
  void decimalSeparatorAdvice() {
    CsvOptions comma =
        CsvOptions.defaults().delimiter(';').decimalSeparator(',').columnType("x", ColumnType.NUMERIC);
    DataValidationException point =
        assertThrows(DataValidationException.class, () -> read("x\n1.5\n", comma));
    assertEquals(
        "Column 'x', line 2 (account \"1\"): \"1.5\" is not a number; expected a decimal with ','.\n"
            + "Set CsvOptions.decimalSeparator('.') if the file uses decimal points.",
        point.getMessage(),
        "decimal point under decimal comma option");
    DataValidationException thousands =
        assertThrows(DataValidationException.class, () -> read("x\n1.234,5\n", comma));
    assertTrue(
        thousands.getMessage().endsWith("Thousands separators are not accepted; remove them from the file."),
        "thousands separator advice: " + thousands.getMessage());
    CsvOptions numeric = CsvOptions.defaults().columnType("x", ColumnType.NUMERIC);
    DataValidationException hex =
        assertThrows(DataValidationException.class, () -> read("x\n0x1p3\n", numeric));
    assertEquals(
        "Column 'x', line 2 (account \"1\"): \"0x1p3\" is not a number; expected a decimal with '.'.",
        hex.getMessage(),
        "no advice for a hex number");
  }

  @Test
  void badDateNamesColumnAndLine() {
    CsvOptions options = CsvOptions.defaults().columnType("since", ColumnType.DATE);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> read("since\n2026-02-30\n", options));
    assertEquals(
        "Column 'since', line 2 (account \"1\"): \"2026-02-30\" is not a date; expected an ISO-8601"
            + " date such as 2026-11-25.",
        e.getMessage(),
        "bad date message");
    assertNotNull(e.getCause(), "parse failure kept as cause");
    DataValidationException slash =
        assertThrows(DataValidationException.class, () -> read("since\n2026/11/25\n", options));
    assertEquals(Optional.of("since"), slash.column(), "column of a slashed date");
  }

  @Test
  void raggedRowIsAnError() {
    DataValidationException more =
        assertThrows(
            DataValidationException.class,
            () -> read("a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7\n"));
    assertEquals("Line 5 has 7 fields, but the header has 8.", more.getMessage(), "short row message");
    assertEquals(5L, more.line().orElse(-1), "line of the short row");
    DataValidationException trailing =
        assertThrows(DataValidationException.class, () -> read("a,b\n1,2,\n"));
    assertEquals(
        "Line 2 has 3 fields, but the header has 2.\n"
            + "Values that contain the delimiter ',' must be quoted with '\"'.",
        trailing.getMessage(),
        "long row message");
  }

  @Test
  void headerErrors() {
    DataValidationException dup =
        assertThrows(DataValidationException.class, () -> read("a,b,a\n1,2,3\n"));
    assertEquals(
        "Column 'a' appears twice in the header (columns 1 and 3); column names must be unique.",
        dup.getMessage(),
        "duplicate header message");
    DataValidationException empty =
        assertThrows(DataValidationException.class, () -> read("a, ,c\n1,2,3\n"));
    assertEquals(
        "Header column 2 (line 1) is empty; every column needs a name.",
        empty.getMessage(),
        "empty header name message");
    DataValidationException none = assertThrows(DataValidationException.class, () -> read(""));
    assertEquals(
        "The CSV input is empty; a header row is required.", none.getMessage(), "empty input message");
  }

  @Test
  void headerOnlyGivesAnEmptyTable() {
    AccountTable t = read("id,x,y\n", CsvOptions.defaults().idColumn("id"));
    assertEquals(0, t.rowCount(), "row count");
    assertEquals(List.of("x", "y"), t.columnNames(), "columns");
    assertEquals(ColumnType.NUMERIC, t.column("y").type(), "type of a column without values");
  }

  @Test
  void malformedQuotingIsAnError() {
    DataValidationException unclosed =
        assertThrows(DataValidationException.class, () -> read("a,b\n1,2\n3,\"open\n"));
    assertTrue(unclosed.getMessage().startsWith("Line 3: the CSV text is malformed"), unclosed.getMessage());
    assertEquals(3L, unclosed.line().orElse(-1), "line where the bad record starts");
    assertNotNull(unclosed.getCause(), "Jackson's exception kept as cause");
    DataValidationException after =
        assertThrows(DataValidationException.class, () -> read("a,b\n\"x\"y,2\n"));
    assertEquals(2L, after.line().orElse(-1), "line of text after a closing quote");
  }

  @Test
  void ioFailuresNameThePath() throws IOException {
    Path missing = dir.resolve("nope.csv");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> AccountTable.readCsv(missing));
    assertTrue(e.getMessage().contains(missing.toString()), "message names the path: " + e.getMessage());
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "name\nSüd\n".getBytes(StandardCharsets.ISO_8859_1));
    UncheckedIOException bad =
        assertThrows(UncheckedIOException.class, () -> AccountTable.readCsv(latin1));
    assertTrue(bad.getMessage().contains("CsvOptions.charset"), "charset advice: " + bad.getMessage());
    AccountTable t =
        AccountTable.readCsv(latin1, CsvOptions.defaults().charset(StandardCharsets.ISO_8859_1));
    assertEquals(List.of("Süd"), t.categorical("name").levels(), "label read as ISO-8859-1");
  }

  // ------------------------------------------------------------------------------------------
  // Bundled data

  @Test
  void wholesaleCustomers() throws URISyntaxException {
    Path p = Path.of(CsvReadTest.class.getResource("/data/wholesale_customers.csv").toURI());
    AccountTable t = AccountTable.readCsv(p);
    assertEquals(440, t.rowCount(), "rows of wholesale customers");
    assertEquals(8, t.columnCount(), "columns of wholesale customers");
    for (Column c : t.columns()) {
      assertEquals(ColumnType.NUMERIC, c.type(), "type of " + c.name());
      assertEquals(0, c.missingCount(), "missing values of " + c.name());
    }
    assertEquals(
        List.of("Channel", "Region", "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"),
        t.columnNames(),
        "column names");
    String[] names = {"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"};
    double[] totals = {5280131, 2550357, 3498562, 1351650, 1267857, 670943};
    for (int j = 0; j < names.length; j++) {
      assertEquals(totals[j], t.numeric(names[j]).stream().sum(), "total of " + names[j]);
    }
    assertEquals("1", t.id(0), "first id");
    assertEquals("440", t.id(439), "last id");
    for (int i = 0; i < 440; i++) {
      assertEquals(Integer.toString(i + 1), t.id(i), "id of row " + i);
    }
    assertEquals(12669.0, t.numeric("Fresh").get(0), "Fresh of account 1");
  }

  // ------------------------------------------------------------------------------------------
  // Number grammar

  @Test
  void numberGrammar() {
    assertEquals(1e5, CsvTableReader.parseDecimal("1e5", '.'), "1e5");
    assertEquals(-3.2, CsvTableReader.parseDecimal("-3.2", '.'), "-3.2");
    assertEquals(12669.0, CsvTableReader.parseDecimal("12669", '.'), "12669");
    assertEquals(0.5, CsvTableReader.parseDecimal(".5", '.'), ".5");
    assertEquals(5.0, CsvTableReader.parseDecimal("+5.", '.'), "+5.");
    assertEquals(1.5, CsvTableReader.parseDecimal("1,5", ','), "1,5 with decimal comma");
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(CsvTableReader.parseDecimal("-0", '.')),
        "-0 is negative zero");
    assertEquals(Double.NEGATIVE_INFINITY, CsvTableReader.parseDecimal("-Infinity", '.'), "-Infinity");
    assertEquals(Double.POSITIVE_INFINITY, CsvTableReader.parseDecimal("1e400", '.'), "overflow");
    assertEquals(Double.MIN_VALUE, CsvTableReader.parseDecimal("4.9E-324", '.'), "subnormal");
    for (String bad :
        new String[] {
          "", ".", "+", "-", "e5", "1e", "1e+", "1f", "1d", "0x1p3", "1,5", "1.2.3", "NaN", "Inf",
          "Infinityx", "1 000", "--1", "1e5.0", "١٢"
        }) {
      assertTrue(Double.isNaN(CsvTableReader.parseDecimal(bad, '.')), "not a number: \"" + bad + "\"");
    }
    assertTrue(Double.isNaN(CsvTableReader.parseDecimal("1.5", ',')), "1.5 with decimal comma");
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void parseDecimalEqualsParseDouble(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int k = 0; k < 200; k++) {
      String s = randomDecimal(rng);
      double expected = Double.parseDouble(s);
      double actual = CsvTableReader.parseDecimal(s, '.');
      assertEquals(
          Double.doubleToRawLongBits(expected),
          Double.doubleToRawLongBits(actual),
          "seed " + seed + ": parseDecimal(\"" + s + "\")");
      String comma = s.replace('.', ',');
      assertEquals(
          Double.doubleToRawLongBits(expected),
          Double.doubleToRawLongBits(CsvTableReader.parseDecimal(comma, ',')),
          "seed " + seed + ": parseDecimal(\"" + comma + "\", ',')");
    }
    double random = Double.longBitsToDouble(rng.nextLong());
    if (!Double.isNaN(random)) {
      String s = Double.toString(random);
      assertEquals(random, CsvTableReader.parseDecimal(s, '.'), "seed " + seed + ": " + s);
    }
  }

  private static String randomDecimal(UniformRandomProvider rng) {
    StringBuilder sb = new StringBuilder();
    int sign = rng.nextInt(3);
    if (sign == 1) {
      sb.append('-');
    } else if (sign == 2) {
      sb.append('+');
    }
    int intDigits = rng.nextInt(rng.nextBoolean() ? 4 : 22);
    int fracDigits = rng.nextInt(rng.nextBoolean() ? 4 : 22);
    if (intDigits == 0 && fracDigits == 0) {
      intDigits = 1;
    }
    for (int i = 0; i < intDigits; i++) {
      sb.append((char) ('0' + rng.nextInt(10)));
    }
    if (fracDigits > 0 || rng.nextBoolean()) {
      sb.append('.');
      for (int i = 0; i < fracDigits; i++) {
        sb.append((char) ('0' + rng.nextInt(10)));
      }
    }
    if (rng.nextInt(3) == 0) {
      sb.append(rng.nextBoolean() ? 'e' : 'E');
      if (rng.nextBoolean()) {
        sb.append(rng.nextBoolean() ? '-' : '+');
      }
      sb.append(rng.nextInt(rng.nextBoolean() ? 30 : 400));
    }
    return sb.toString();
  }

  @Test
  void dateGrammar() {
    assertEquals(
        LocalDate.of(2026, 11, 25).toEpochDay(), CsvTableReader.parseEpochDay("2026-11-25"), "2026-11-25");
    assertEquals(
        LocalDate.of(12000, 1, 1).toEpochDay(), CsvTableReader.parseEpochDay("+12000-01-01"), "+12000");
    assertEquals(
        LocalDate.of(-50, 3, 1).toEpochDay(), CsvTableReader.parseEpochDay("-0050-03-01"), "-0050");
    for (String bad : new String[] {"2026-13-01", "2026-02-29", "2026-1-5", "26-11-25", "2026/11/25", "x"}) {
      assertEquals(
          DateColumn.MISSING_EPOCH_DAY, CsvTableReader.parseEpochDay(bad), "not a date: \"" + bad + "\"");
    }
    assertFalse(
        CsvTableReader.parseEpochDay("2024-02-29") == DateColumn.MISSING_EPOCH_DAY, "2024 leap day");
  }
}
