package dev.segmentation.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountTableTest {

  /** How a CRM hands over its accounts: a small entity with nullable getters and an enum category. */
  enum Industry {
    PHARMA,
    RETAIL,
    HORECA
  }

  record CrmAccount(
      String id, double turnover, Double potential, BigDecimal credit, Industry industry,
      LocalDate since) {}

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  private static AccountTable sample() {
    return AccountTable.builder()
        .numeric("turnover")
        .numeric("potential")
        .categorical("industry")
        .date("since")
        .addRow("A-1", 1.2e6, 5.0e6, "Pharma", LocalDate.of(2020, 1, 31))
        .addRow("A-2", 3.0e5, Double.NaN, null, null)
        .addRow("A-3", null, 7, Industry.RETAIL, LocalDate.of(1999, 12, 1))
        .addRow("A-4", 12.5f, 0L, "", LocalDate.of(2024, 2, 29))
        .build();
  }

  // ---------------------------------------------------------------- builder

  @Test
  void builderAddsRowsInOrderWithNullAndNanAsMissing() {
    AccountTable t = sample();
    assertEquals(4, t.rowCount(), "row count");
    assertEquals(4, t.columnCount(), "column count");
    assertEquals("id", t.idColumnName(), "default id column name");
    assertEquals(List.of("A-1", "A-2", "A-3", "A-4"), t.ids(), "ids in insertion order");
    assertEquals(List.of("turnover", "potential", "industry", "since"), t.columnNames(),
        "columns in declaration order");

    NumericColumn turnover = t.numeric("turnover");
    assertArrayEquals(new double[] {1.2e6, 3.0e5, Double.NaN, 12.5}, turnover.toArray(),
        "turnover values, null read as NaN");
    assertEquals(1, turnover.missingCount(), "missing turnover (null)");
    NumericColumn potential = t.numeric("potential");
    assertArrayEquals(new double[] {5.0e6, Double.NaN, 7.0, 0.0}, potential.toArray(),
        "potential values, Integer and Long accepted, NaN missing");
    assertEquals(1, potential.missingCount(), "missing potential (NaN)");

    CategoricalColumn industry = t.categorical("industry");
    assertEquals(List.of("Pharma", "RETAIL"), industry.levels(),
        "levels in order of first appearance; an enum's label is its toString");
    assertEquals(Optional.of("Pharma"), industry.value(0), "label of A-1");
    assertEquals(Optional.empty(), industry.value(1), "null label is missing");
    assertEquals(Optional.empty(), industry.value(3), "empty label is missing");
    assertEquals(2, industry.missingCount(), "missing industry");

    DateColumn since = t.date("since");
    assertEquals(Optional.of(LocalDate.of(2024, 2, 29)), since.value(3), "date of A-4");
    assertTrue(since.isMissing(1), "null date is missing");
  }

  @Test
  void builderIdColumnName() {
    AccountTable t = AccountTable.builder().idColumn("account").numeric("x").addRow("a", 1).build();
    assertEquals("account", t.idColumnName(), "id column name");
    assertThrows(IllegalArgumentException.class, () -> AccountTable.builder().idColumn(" "),
        "blank id column name");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccountTable.builder().numeric("id").addRow("a", 1).build(),
        "a data column named like the id column");
    assertTrue(e.getMessage().contains("'id'"), "message names the column: " + e.getMessage());
  }

  @Test
  void builderWrongValueTypeNamesAccountAndColumn() {
    AccountTable.Builder b = AccountTable.builder().numeric("turnover").date("since");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.addRow("C-0042", "12,5", null), "String in a numeric column");
    assertEquals(
        "Account \"C-0042\", column 'turnover': String value 12,5 given, expected a Number.",
        e.getMessage(), "message of a wrong numeric value");
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> b.addRow("C-0043", 1.0, "2020-01-01"), "String in a date column");
    assertTrue(d.getMessage().contains("\"C-0043\"") && d.getMessage().contains("'since'")
        && d.getMessage().contains("expected a LocalDate"),
        "message names account, column and expected type: " + d.getMessage());
    assertEquals(1, b.addRow("ok", 1.0, null).build().rowCount(), "failed rows are not added");
  }

  @Test
  void builderWrongArityNamesAccountAndCount() {
    AccountTable.Builder b = AccountTable.builder().numeric("a").numeric("b").categorical("c");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.addRow("A-7", 1.0, 2.0), "two values for three columns");
    assertTrue(e.getMessage().contains("\"A-7\"") && e.getMessage().contains("2 values given, expected 3"),
        "message names account and counts: " + e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.addRow("A-8", 1.0, 2.0, "x", "y"),
        "four values for three columns");
    assertThrows(IllegalArgumentException.class, () -> b.addRow("A-9"), "no values");
    // a single column with a null value passed as the varargs array
    AccountTable one = AccountTable.builder().numeric("a").addRow("x", (Object[]) null).build();
    assertTrue(one.numeric("a").isMissing(0), "null varargs array is one missing value");
  }

  @Test
  void builderDeclarationErrors() {
    AccountTable.Builder b = AccountTable.builder().numeric("a");
    assertThrows(IllegalStateException.class, () -> b.categorical("a"), "column declared twice");
    assertThrows(IllegalArgumentException.class, () -> b.numeric(" "), "blank column name");
    assertThrows(NullPointerException.class, () -> b.numeric(null), "null column name");
    b.addRow("r1", 1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.numeric("late"), "column after rows");
    assertTrue(e.getMessage().contains("'late'"), "message names the column: " + e.getMessage());
    assertThrows(NullPointerException.class, () -> b.addRow(null, 1), "null id");
  }

  @Test
  void builderIsReusableAndBuildCopies() {
    AccountTable.Builder b = AccountTable.builder().numeric("a").addRow("r1", 1);
    AccountTable first = b.build();
    AccountTable again = b.build();
    b.addRow("r2", 2);
    AccountTable second = b.build();
    assertEquals(first, again, "building twice gives equal tables");
    assertEquals(1, first.rowCount(), "rows added after build() do not change the built table");
    assertEquals(2, second.rowCount(), "the builder keeps its rows");
  }

  @Test
  void emptyTables() {
    AccountTable none = AccountTable.builder().numeric("a").build();
    assertEquals(0, none.rowCount(), "rows of an empty table");
    assertEquals(1, none.columnCount(), "columns of an empty table");
    assertTrue(none.toString().startsWith("AccountTable: 0 rows x 1 column\n"),
        "toString of an empty table: " + none);
    AccountTable noColumns = AccountTable.of(new String[] {"a", "b"});
    assertEquals(2, noColumns.rowCount(), "ids only");
    assertEquals(List.of(), noColumns.columnNames(), "no data columns");
  }

  // ---------------------------------------------------------------- of

  @Test
  void ofCopiesIdsAndChecksColumns() {
    String[] ids = {"a", "b", "c"};
    NumericColumn x = NumericColumn.of("x", new double[] {1, 2, 3});
    CategoricalColumn c = CategoricalColumn.of("c", new String[] {"u", null, "u"});
    AccountTable t = AccountTable.of(ids, x, c);
    ids[0] = "changed";
    assertEquals("a", t.id(0), "of() copies the id array");
    assertSame(x, t.column("x"), "of() keeps the column objects");

    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> AccountTable.of(new String[] {"a", "b"}, x), "column longer than ids");
    assertTrue(len.getMessage().contains("'x' has 3 values but the table has 2 ids"),
        "length message: " + len.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AccountTable.of(new String[] {"a", "b", "c"}, x, x.rename("x")), "repeated column name");
    assertThrows(IllegalArgumentException.class,
        () -> AccountTable.of(new String[] {"a", "b", "c"}, x.rename("id")), "column named id");
    assertThrows(NullPointerException.class, () -> AccountTable.of(null, x), "null ids");
  }

  // ---------------------------------------------------------------- ids

  @Test
  void duplicateIdNamesBothRows() {
    AccountTable.Builder b = AccountTable.builder().numeric("x");
    for (int i = 0; i < 234; i++) {
      b.addRow(i == 17 || i == 233 ? "C-0042" : "C-" + (10_000 + i), (double) i);
    }
    DataValidationException e = assertThrows(DataValidationException.class, b::build,
        "duplicate id in the builder");
    assertEquals("Duplicate account id \"C-0042\" at rows 17 and 233; ids must be unique.",
        e.getMessage(), "duplicate id message");
    assertEquals(Optional.of("C-0042"), e.accountId(), "exception carries the account id");
    assertEquals(Optional.of("id"), e.column(), "exception carries the id column");
    assertTrue(e.line().isEmpty(), "no CSV line");

    DataValidationException of = assertThrows(DataValidationException.class,
        () -> AccountTable.of(new String[] {"x", "y", "x"}), "duplicate id in of()");
    assertEquals("Duplicate account id \"x\" at rows 0 and 2; ids must be unique.", of.getMessage(),
        "duplicate id message of of()");
  }

  @Test
  void duplicateIdFromObjectsNamesBothItems() {
    List<CrmAccount> items = new ArrayList<>();
    for (int i = 0; i < 234; i++) {
      String id = i == 17 || i == 233 ? "C-0042" : "C-" + (10_000 + i);
      items.add(new CrmAccount(id, i, null, null, null, null));
    }
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> AccountTable.from(items, CrmAccount::id).numeric("turnover", CrmAccount::turnover).build(),
        "duplicate id from objects");
    assertEquals("Duplicate account id \"C-0042\" at items 17 and 233; ids must be unique.",
        e.getMessage(), "duplicate id message of from()");
  }

  @Test
  void blankOrNullIdIsRejected() {
    DataValidationException blank = assertThrows(DataValidationException.class,
        () -> AccountTable.builder().numeric("x").addRow("a", 1).addRow("  ", 2).build(), "blank id");
    assertTrue(blank.getMessage().contains("row 1") && blank.getMessage().contains("blank"),
        "blank id message names the row: " + blank.getMessage());
    assertThrows(DataValidationException.class,
        () -> AccountTable.builder().numeric("x").addRow("", 1).build(), "empty id");
    DataValidationException nul = assertThrows(DataValidationException.class,
        () -> AccountTable.of(new String[] {"a", null}), "null id in of()");
    assertTrue(nul.getMessage().contains("row 1") && nul.getMessage().contains("missing"),
        "null id message names the row: " + nul.getMessage());
    DataValidationException fromNull = assertThrows(DataValidationException.class,
        () -> AccountTable.from(List.of("a", "b"), s -> s.equals("b") ? null : s).build(),
        "null id from objects");
    assertTrue(fromNull.getMessage().contains("item 1"),
        "null id message names the item: " + fromNull.getMessage());
  }

  @Test
  void unicodeIds() {
    String composed = "\u00e9";
    String decomposed = "e\u0301";
    String[] ids = {"客户-1", "🙂", "Ωmega 7", composed, decomposed, "x,\"y\""};
    AccountTable t = AccountTable.of(ids, NumericColumn.of("v", new double[] {1, 2, 3, 4, 5, 6}));
    for (int i = 0; i < ids.length; i++) {
      assertEquals(OptionalInt.of(i), t.indexOf(ids[i]), "indexOf unicode id " + ids[i]);
      assertEquals(ids[i], t.row(i).id(), "row id " + i);
    }
    assertEquals(OptionalInt.empty(), t.indexOf("客户-2"), "indexOf an unknown id");
    String s = t.toString();
    for (String id : ids) {
      assertTrue(s.contains(id), "toString shows id " + id + ":\n" + s);
    }
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> AccountTable.of(new String[] {"🙂", "b", "🙂"}), "duplicate unicode id");
    assertTrue(e.getMessage().contains("\"🙂\""), "message shows the unicode id: " + e.getMessage());
  }

  // ---------------------------------------------------------------- from objects

  @Test
  void fromObjectsReadsNullableGettersAndEnums() {
    List<CrmAccount> crm = List.of(
        new CrmAccount("K-1", 1000.5, 5000.0, new BigDecimal("12.25"), Industry.PHARMA,
            LocalDate.of(2001, 5, 6)),
        new CrmAccount("K-2", Double.NaN, null, null, null, null),
        new CrmAccount("K-3", 0.0, Double.NaN, BigDecimal.ZERO, Industry.HORECA,
            LocalDate.of(2022, 1, 1)));
    AccountTable t = AccountTable.from(crm, CrmAccount::id)
        .idColumn("crm_id")
        .numeric("turnover", CrmAccount::turnover)
        .numericNullable("potential", CrmAccount::potential)
        .numericNullable("credit", CrmAccount::credit)
        .categorical("industry", CrmAccount::industry)
        .date("since", CrmAccount::since)
        .build();
    assertEquals("crm_id", t.idColumnName(), "id column name");
    assertEquals(List.of("K-1", "K-2", "K-3"), t.ids(), "ids in iteration order");
    assertArrayEquals(new double[] {1000.5, Double.NaN, 0.0}, t.numeric("turnover").toArray(),
        "turnover, NaN = missing");
    assertArrayEquals(new double[] {5000.0, Double.NaN, Double.NaN}, t.numeric("potential").toArray(),
        "potential, null and NaN = missing");
    assertArrayEquals(new double[] {12.25, Double.NaN, 0.0}, t.numeric("credit").toArray(),
        "BigDecimal credit, null = missing");
    assertEquals(List.of("PHARMA", "HORECA"), t.categorical("industry").levels(),
        "enum names as levels");
    assertTrue(t.categorical("industry").isMissing(1), "null enum is missing");
    assertEquals(Optional.of(LocalDate.of(2001, 5, 6)), t.date("since").value(0), "date");
    assertTrue(t.date("since").isMissing(1), "null date is missing");
  }

  @Test
  void fromObjectsIteratesOnceAtBuildAndGrows() {
    AtomicInteger iterations = new AtomicInteger();
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      values.add(i);
    }
    Iterable<Integer> once = () -> {
      iterations.incrementAndGet();
      Iterator<Integer> it = values.iterator();
      return it;
    };
    AccountTable.FromObjects<Integer> b = AccountTable.from(once, i -> "n" + i)
        .numeric("value", i -> i * 0.5)
        .categorical("parity", i -> i % 2 == 0 ? "even" : "odd");
    assertEquals(0, iterations.get(), "nothing is iterated before build()");
    AccountTable t = b.build();
    assertEquals(1, iterations.get(), "items are iterated exactly once");
    assertEquals(2500, t.rowCount(), "all items read past the initial capacity");
    assertEquals(1249.5, t.numeric("value").get(2499), "last value");
    assertEquals("n2499", t.id(2499), "last id");
    assertEquals(Optional.of("odd"), t.categorical("parity").value(2499), "last label");
  }

  @Test
  void fromObjectsWrapsExtractorFailure() {
    List<CrmAccount> crm = List.of(
        new CrmAccount("K-1", 1, null, null, Industry.PHARMA, null),
        new CrmAccount("K-2", 2, null, null, Industry.RETAIL, null));
    IllegalStateException cause = new IllegalStateException("lazy load failed");
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> AccountTable.from(crm, CrmAccount::id)
            .numeric("turnover", CrmAccount::turnover)
            .numericNullable("potential", a -> {
              if (a.id().equals("K-2")) {
                throw cause;
              }
              return a.potential();
            })
            .build(),
        "extractor exception");
    assertTrue(e.getMessage().contains("'potential'") && e.getMessage().contains("\"K-2\"")
        && e.getMessage().contains("item 1") && e.getMessage().contains("lazy load failed"),
        "message names column, account, item and cause: " + e.getMessage());
    assertSame(cause, e.getCause(), "the cause is kept");
    assertEquals(Optional.of("K-2"), e.accountId(), "account id");
    assertEquals(Optional.of("potential"), e.column(), "column");

    DataValidationException idFail = assertThrows(DataValidationException.class,
        () -> AccountTable.from(crm, a -> {
          throw new IllegalArgumentException("no id");
        }).build(),
        "id extractor exception");
    assertTrue(idFail.getMessage().contains("item 0"), "names the item: " + idFail.getMessage());
    assertTrue(idFail.getCause() instanceof IllegalArgumentException, "cause kept");
  }

  @Test
  void fromObjectsDeclarationErrors() {
    AccountTable.FromObjects<String> b = AccountTable.from(List.of("a"), s -> s).numeric("x", s -> 1);
    assertThrows(IllegalStateException.class, () -> b.categorical("x", s -> s), "column twice");
    assertThrows(IllegalArgumentException.class, () -> b.numeric("", s -> 1), "blank name");
    assertThrows(NullPointerException.class, () -> b.numeric("y", null), "null extractor");
    assertThrows(NullPointerException.class, () -> AccountTable.from(null, s -> "x"), "null items");
  }

  // ---------------------------------------------------------------- column lookups

  private static AccountTable wholesale() {
    return AccountTable.builder()
        .categorical("Channel").categorical("Region").numeric("Fresh").numeric("Grocery")
        .addRow("C-1", "Horeca", "Lisbon", 12669, 7561)
        .addRow("C-2", "Retail", "Porto", 7057, 9568)
        .addRow("C-3", "Retail", null, Double.NaN, 7684)
        .build();
  }

  @Test
  void unknownColumnListsColumns() {
    AccountTable t = wholesale();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.column("Grocry"), "unknown column");
    assertEquals("Unknown column 'Grocry'; columns are: Channel, Region, Fresh, Grocery.",
        e.getMessage(), "unknown column message");
    assertEquals(e.getMessage(),
        assertThrows(IllegalArgumentException.class, () -> t.numeric("Grocry")).getMessage(),
        "typed lookup of an unknown column");
    assertEquals(Optional.empty(), t.findColumn("Grocry"), "findColumn of an unknown column");
    assertFalse(t.hasColumn("Grocry"), "hasColumn of an unknown column");
    assertTrue(t.hasColumn("Grocery"), "hasColumn of a column");
    assertFalse(t.hasColumn("id"), "the id column is not a data column");
    assertEquals(Optional.of(t.column("Fresh")), t.findColumn("Fresh"), "findColumn");
    assertThrows(NullPointerException.class, () -> t.column(null), "null name");
  }

  @Test
  void typedAccessorsCheckTheType() {
    AccountTable t = sample();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.numeric("industry"), "numeric() of a categorical column");
    assertEquals("Column 'industry' is CATEGORICAL, expected NUMERIC.", e.getMessage(),
        "wrong type message");
    assertThrows(IllegalArgumentException.class, () -> t.categorical("turnover"),
        "categorical() of a numeric column");
    assertThrows(IllegalArgumentException.class, () -> t.date("turnover"), "date() of numeric");
    assertThrows(IllegalArgumentException.class, () -> t.numeric("since"), "numeric() of a date");
    assertEquals(ColumnType.DATE, t.column("since").type(), "untyped lookup");
    assertEquals(List.of(ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.CATEGORICAL,
        ColumnType.DATE), t.columns().stream().map(Column::type).toList(), "column types");
    assertThrows(UnsupportedOperationException.class, () -> t.columns().clear(),
        "columns() is unmodifiable");
    assertThrows(UnsupportedOperationException.class, () -> t.ids().set(0, "x"),
        "ids() is unmodifiable");
  }

  // ---------------------------------------------------------------- rows

  @Test
  void rowAccessors() {
    AccountTable t = sample();
    Row r = t.row(2);
    assertEquals("A-3", r.id(), "row id");
    assertEquals(2, r.index(), "row index");
    assertSame(t, r.table(), "row table");
    assertTrue(Double.isNaN(r.numeric("turnover")), "missing numeric is NaN");
    assertEquals(7.0, r.numeric("potential"), "numeric value");
    assertEquals(Optional.of("RETAIL"), r.category("industry"), "category");
    assertEquals(Optional.of(LocalDate.of(1999, 12, 1)), r.date("since"), "date");
    assertTrue(r.isMissing("turnover"), "isMissing of a missing value");
    assertFalse(r.isMissing("potential"), "isMissing of a present value");
    assertEquals("7", r.format("potential"), "integral numbers format without a decimal point");
    assertEquals("", r.format("turnover"), "missing formats as empty");
    assertEquals("1999-12-01", r.format("since"), "dates format as ISO-8601");
    assertEquals(Optional.empty(), t.row(1).category("industry"), "missing category");
    assertEquals(Optional.empty(), t.row(1).date("since"), "missing date");

    assertThrows(IllegalArgumentException.class, () -> r.numeric("industry"), "row numeric wrong type");
    assertThrows(IllegalArgumentException.class, () -> r.category("potential"),
        "row category wrong type");
    assertThrows(IllegalArgumentException.class, () -> r.date("industry"), "row date wrong type");
    assertThrows(IllegalArgumentException.class, () -> r.isMissing("nope"), "row unknown column");
    assertThrows(IndexOutOfBoundsException.class, () -> t.row(4), "row past the end");
    assertThrows(IndexOutOfBoundsException.class, () -> t.row(-1), "negative row");
    assertThrows(IndexOutOfBoundsException.class, () -> t.id(4), "id past the end");
  }

  @Test
  void rowToStringAndEquality() {
    AccountTable t = sample();
    assertEquals("Row[id=A-1, turnover=1200000, potential=5000000, industry=Pharma, since=2020-01-31]",
        t.row(0).toString(), "row toString");
    assertEquals("Row[id=A-2, turnover=300000, potential=NA, industry=NA, since=NA]",
        t.row(1).toString(), "row toString with missing values");
    assertEquals("Row[id=A-4, turnover=12.5, potential=0, industry=NA, since=2024-02-29]",
        t.row(3).toString(), "row toString with a decimal");
    assertEquals(t.row(0), sample().row(0), "same row of equal tables");
    assertEquals(t.row(0).hashCode(), sample().row(0).hashCode(), "hash of equal rows");
    assertNotEquals(t.row(0), t.row(1), "different rows");
  }

  // ---------------------------------------------------------------- derived tables

  @Test
  void selectSharesStorageInGivenOrder() {
    AccountTable t = sample();
    AccountTable s = t.select("since", "turnover");
    assertEquals(List.of("since", "turnover"), s.columnNames(), "selected columns in the given order");
    assertEquals(t.ids(), s.ids(), "ids kept");
    assertSame(t.column("turnover"), s.column("turnover"), "select shares column storage");
    assertSame(t.column("since"), s.column("since"), "select shares column storage");
    assertEquals(0, t.select().columnCount(), "select nothing");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.select("turnover", "nope"), "unknown");
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("turnover, potential"),
        "message lists the columns: " + e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.select("turnover", "turnover"), "repeated");
  }

  @Test
  void filterKeepsTableOrder() {
    AccountTable t = sample();
    AccountTable f = t.filter(r -> !r.isMissing("since"));
    assertEquals(List.of("A-1", "A-3", "A-4"), f.ids(), "filtered ids in table order");
    assertArrayEquals(new double[] {1.2e6, Double.NaN, 12.5}, f.numeric("turnover").toArray(),
        "filtered values follow their ids");
    assertEquals(List.of("Pharma", "RETAIL"), f.categorical("industry").levels(),
        "filtered categorical keeps the dictionary");
    assertEquals(0, t.filter(r -> false).rowCount(), "filter nothing");
    assertEquals(t, t.filter(r -> true), "filter everything gives an equal table");
  }

  @Test
  void rowsInGivenOrder() {
    AccountTable t = sample();
    AccountTable r = t.rows(3, 0);
    assertEquals(List.of("A-4", "A-1"), r.ids(), "rows in the given order");
    assertEquals(12.5, r.numeric("turnover").get(0), "value of A-4");
    assertEquals(Optional.of(LocalDate.of(2020, 1, 31)), r.date("since").value(1), "date of A-1");
    assertThrows(IndexOutOfBoundsException.class, () -> t.rows(0, 4), "index out of range");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> t.rows(1, 2, 1), "repeated index");
    assertTrue(e.getMessage().contains("\"A-2\""), "message names the id: " + e.getMessage());
    assertEquals(0, t.rows().rowCount(), "no rows");
  }

  @Test
  void headTakesFirstRows() {
    AccountTable t = sample();
    assertEquals(List.of("A-1", "A-2"), t.head(2).ids(), "head(2)");
    assertEquals(t, t.head(100), "head longer than the table");
    assertEquals(0, t.head(0).rowCount(), "head(0)");
    assertThrows(IllegalArgumentException.class, () -> t.head(-1), "negative head");
  }

  @Test
  void withColumnAddsOrReplaces() {
    AccountTable t = sample();
    NumericColumn score = NumericColumn.of("score", new double[] {1, 2, 3, 4});
    AccountTable added = t.withColumn(score);
    assertEquals(List.of("turnover", "potential", "industry", "since", "score"), added.columnNames(),
        "new column appended");
    assertSame(score, added.column("score"), "column kept as given");
    assertSame(t.column("turnover"), added.column("turnover"), "other columns shared");
    assertEquals(4, t.columnCount(), "original table unchanged");

    CategoricalColumn replacement =
        CategoricalColumn.of("potential", new String[] {"hi", "lo", null, "lo"});
    AccountTable replaced = t.withColumn(replacement);
    assertEquals(t.columnNames(), replaced.columnNames(), "replacing keeps the column position");
    assertEquals(ColumnType.CATEGORICAL, replaced.column("potential").type(), "replaced type");
    assertThrows(IllegalArgumentException.class,
        () -> t.withColumn(NumericColumn.of("short", new double[] {1})), "wrong length");
  }

  // ---------------------------------------------------------------- equality

  @Test
  void equalsAndHashCodeOnContent() {
    AccountTable a = sample();
    AccountTable b = AccountTable.of(new String[] {"A-1", "A-2", "A-3", "A-4"},
        NumericColumn.of("turnover", new double[] {1.2e6, 3.0e5, Double.NaN, 12.5}),
        NumericColumn.of("potential", new double[] {5.0e6, Double.NaN, 7, 0}),
        CategoricalColumn.of("industry", new String[] {"Pharma", null, "RETAIL", null}),
        DateColumn.of("since", new LocalDate[] {LocalDate.of(2020, 1, 31), null,
            LocalDate.of(1999, 12, 1), LocalDate.of(2024, 2, 29)}));
    assertEquals(a, b, "builder and of() give equal tables (NaN equals NaN)");
    assertEquals(a.hashCode(), b.hashCode(), "equal tables have equal hashes");
    assertNotEquals(a, a.rows(1, 0, 2, 3), "row order matters");
    assertNotEquals(a, a.select("potential", "turnover", "industry", "since"), "column order matters");
    assertNotEquals(a, a.withColumn(NumericColumn.of("potential", new double[] {5.0e6, Double.NaN, 7, -0.0})),
        "0.0 differs from -0.0");
    AccountTable renamedId = AccountTable.builder().idColumn("key").numeric("x").addRow("a", 1).build();
    AccountTable defaultId = AccountTable.builder().numeric("x").addRow("a", 1).build();
    assertNotEquals(renamedId, defaultId, "id column name matters");
    assertNotEquals(a, "not a table", "other types");
  }

  // ---------------------------------------------------------------- toString

  @Test
  void toStringPrintsShapeHeaderAndFirstRowsAligned() {
    int n = 25;
    String longLabel = "L".repeat(30) + "0123456789ABCDEFGHIJ"; // 50 characters
    AccountTable.Builder b = AccountTable.builder().categorical("segment").numeric("spend");
    for (int i = 0; i < n; i++) {
      String label = i == 1 ? longLabel : i == 2 ? null : "s" + i % 3;
      Object spend = i == 3 ? null : i * 1.5;
      b.addRow("acct-" + i, label, spend);
    }
    String s = b.build().toString();
    String[] lines = s.split("\n", -1);
    assertEquals("AccountTable: 25 rows x 2 columns", lines[0], "shape line");
    assertTrue(lines[1].startsWith("id") && lines[1].contains("segment") && lines[1].endsWith("spend"),
        "header line: " + lines[1]);
    assertTrue(lines[2].matches("-+  -+  -+"), "rule line: " + lines[2]);
    for (int i = 0; i < 20; i++) {
      assertTrue(lines[3 + i].startsWith("acct-" + i + " "), "data line " + i + ": " + lines[3 + i]);
    }
    assertEquals("... 5 more rows", lines[23], "more-rows line");
    assertEquals("", lines[24], "text ends with a newline");
    assertEquals(25, lines.length, "shape + header + rule + 20 rows + more-rows line");

    // right-aligned numbers in the last column: every line has the header's length
    for (int i = 1; i < 23; i++) {
      assertEquals(lines[1].length(), lines[i].length(), "aligned line " + i + ": " + lines[i]);
    }
    // left-aligned text column starts at the same offset on each line
    int segmentAt = lines[1].indexOf("segment");
    assertEquals(segmentAt, lines[3].indexOf("s0"), "segment column aligned on row 0");
    String cut = "L".repeat(30) + "012345678\u2026";
    assertEquals(40, cut.length(), "cut cell has 40 characters");
    assertEquals(segmentAt, lines[4].indexOf(cut), "long cell cut at 40 characters: " + lines[4]);
    assertFalse(s.contains("9ABC"), "the rest of the long cell is not printed");
    assertEquals(segmentAt, lines[5].indexOf("NA "), "missing category printed as NA: " + lines[5]);
    assertTrue(lines[6].endsWith(" NA"), "missing number printed as NA: " + lines[6]);
    assertTrue(lines[3].endsWith(" 0.00"), "numbers with fixed decimals: " + lines[3]);
    assertTrue(lines[4].endsWith(" 1.50"), "numbers with fixed decimals: " + lines[4]);
    assertFalse(s.contains("acct-20"), "rows after the 20th are not printed");
  }

  @Test
  void toStringSingularShapeIntegersAndManyColumns() {
    AccountTable one = AccountTable.builder().numeric("n").addRow("only", 42).build();
    assertEquals("AccountTable: 1 row x 1 column\nid     n\n----  --\nonly  42\n", one.toString(),
        "toString of one row, integral numbers without decimals");

    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < 14; j++) {
      cols.add(NumericColumn.of("c" + j, new double[] {j}));
    }
    String s = AccountTable.of(new String[] {"a"}, cols.toArray(new Column[0])).toString();
    assertTrue(s.startsWith("AccountTable: 1 row x 14 columns\n"), "shape: " + s);
    assertTrue(s.endsWith("... 2 more columns: c12, c13\n"), "more-columns line: " + s);
    assertFalse(s.contains("c12  "), "columns after the 12th are not in the header");
  }

  // ---------------------------------------------------------------- properties

  @ParameterizedTest
  @MethodSource("seeds")
  void filterAndRowsKeepIdValueCorrespondence(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(0, 60);
    AccountTable t = gen.mixedTable(n, gen.intBetween(0, 3), gen.intBetween(0, 2), gen.intBetween(0, 1),
        gen.pick(0.0, 0.1, 0.5));
    int[] picked = gen.subset(n);
    checkCorrespondence(t, t.rows(picked), "rows(subset), seed " + seed);
    checkCorrespondence(t, t.rows(gen.permutation(n)), "rows(permutation), seed " + seed);

    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      keep[i] = gen.chance(0.5);
    }
    AccountTable f = t.filter(r -> keep[r.index()]);
    checkCorrespondence(t, f, "filter, seed " + seed);
    int expected = 0;
    int last = -1;
    for (int i = 0; i < f.rowCount(); i++) {
      int at = t.indexOf(f.id(i)).orElseThrow();
      assertTrue(keep[at], "filter keeps only matching rows, seed " + seed);
      assertTrue(at > last, "filter keeps table order, seed " + seed);
      last = at;
    }
    for (boolean k : keep) {
      expected += k ? 1 : 0;
    }
    assertEquals(expected, f.rowCount(), "filter keeps every matching row, seed " + seed);
    assertEquals(Math.min(n, 5), t.head(5).rowCount(), "head size, seed " + seed);
    checkCorrespondence(t, t.head(5), "head, seed " + seed);
  }

  private static void checkCorrespondence(AccountTable original, AccountTable derived, String what) {
    assertEquals(original.columnNames(), derived.columnNames(), "columns kept, " + what);
    for (int i = 0; i < derived.rowCount(); i++) {
      String id = derived.id(i);
      int at = original.indexOf(id).orElseThrow(() -> new AssertionError("unknown id " + id + ", " + what));
      assertEquals(OptionalInt.of(i), derived.indexOf(id), "indexOf in the derived table, " + what);
      for (Column c : original.columns()) {
        Column d = derived.column(c.name());
        String cell = "column '" + c.name() + "' of account \"" + id + "\", " + what;
        assertEquals(c.isMissing(at), d.isMissing(i), "missing flag of " + cell);
        if (c instanceof NumericColumn nc) {
          assertEquals(Double.doubleToRawLongBits(nc.get(at)),
              Double.doubleToRawLongBits(((NumericColumn) d).get(i)), "bits of " + cell);
        } else if (c instanceof CategoricalColumn cc) {
          assertEquals(cc.value(at), ((CategoricalColumn) d).value(i), "label of " + cell);
        } else {
          assertEquals(((DateColumn) c).value(at), ((DateColumn) d).value(i), "date of " + cell);
        }
        assertEquals(c.format(at), d.format(i), "formatted " + cell);
      }
      assertEquals(original.row(at).toString(), derived.row(i).toString(), "row text, " + what);
    }
    for (Column d : derived.columns()) {
      int m = 0;
      for (int i = 0; i < derived.rowCount(); i++) {
        m += d.isMissing(i) ? 1 : 0;
      }
      assertEquals(m, d.missingCount(), "missingCount of '" + d.name() + "', " + what);
    }
  }
}
