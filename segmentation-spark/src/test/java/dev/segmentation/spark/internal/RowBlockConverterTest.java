package dev.segmentation.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Type mapping of row blocks (no Spark job needed). */
class RowBlockConverterTest {

  private static final StructType SCHEMA = new StructType()
      .add("key", DataTypes.LongType, false)
      .add("i", DataTypes.IntegerType, true)
      .add("f", DataTypes.FloatType, true)
      .add("dec", DataTypes.createDecimalType(10, 2), true)
      .add("flag", DataTypes.BooleanType, true)
      .add("s", DataTypes.StringType, true)
      .add("day", DataTypes.DateType, true)
      .add("ts", DataTypes.TimestampType, true);

  @Test
  void mapsSparkTypesToTableColumns() {
    RowBlockConverter c = RowBlockConverter.of(SCHEMA, "key",
        List.of("i", "f", "dec", "flag", "s", "day"));
    List<Row> rows = List.of(
        RowFactory.create(1L, 7, 1.5f, new BigDecimal("12.25"), true, "North",
            LocalDate.of(1500, 3, 1), null),
        RowFactory.create(2L, null, Float.NaN, null, null, null, null, null),
        RowFactory.create(3L, -1, 0f, new BigDecimal("-0.50"), false, "",
            java.sql.Date.valueOf("2024-02-29"), null));
    AccountTable t = c.toTable(rows);
    assertEquals(List.of("1", "2", "3"), t.ids(), "ids are the string form of the key");
    assertEquals(7.0, t.numeric("i").get(0), "int");
    assertTrue(t.numeric("i").isMissing(1), "null int is missing");
    assertEquals(1.5, t.numeric("f").get(0), "float");
    assertTrue(t.numeric("f").isMissing(1), "NaN float is missing");
    assertEquals(-0.5, t.numeric("dec").get(2), "decimal");
    assertEquals("true", t.categorical("flag").value(0).orElseThrow(), "boolean as label");
    assertEquals("false", t.categorical("flag").value(2).orElseThrow(), "boolean as label");
    assertTrue(t.categorical("s").isMissing(2), "empty string is missing");
    assertEquals(ColumnType.DATE, t.column("day").type(), "date column");
    assertEquals(LocalDate.of(1500, 3, 1), t.date("day").value(0).orElseThrow(), "LocalDate");
    assertEquals(LocalDate.of(2024, 2, 29), t.date("day").value(2).orElseThrow(), "java.sql.Date");
    assertTrue(t.date("day").isMissing(1), "null date is missing");
  }

  @Test
  void unsupportedTypesAndMissingColumnsAreNamed() {
    DataValidationException ts = assertThrows(DataValidationException.class,
        () -> RowBlockConverter.of(SCHEMA, "key", List.of("ts")));
    assertTrue(ts.getMessage().startsWith("Column 'ts' has Spark type timestamp, which cannot be "
        + "converted"), ts.getMessage());
    DataValidationException id = assertThrows(DataValidationException.class,
        () -> RowBlockConverter.of(SCHEMA, "id", List.of("i")));
    assertEquals("Column 'id' (the id column) is not in the dataset; columns are: key, i, f, dec, "
        + "flag, s, day, ts.", id.getMessage());
    assertEquals("`a.b``c`", ColumnScan.quoted("a.b`c"), "quoting");
  }
}
