package dev.segmentation.spark.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Converts blocks of Spark rows into {@link AccountTable}s with the columns a model reads.
 *
 * <p>Type mapping: byte, short, int, long, float, double and decimal columns become numeric columns
 * ({@code null} is missing, {@code NaN}); string and boolean columns become categorical columns
 * ({@code null} or {@code ""} is missing; booleans as {@code "true"}/{@code "false"}); date columns
 * become date columns. The id is the string form of the id column's value.
 *
 * <p>Instances are immutable and serializable; {@link #toTable(List)} allocates one array per column
 * and block, not per row.
 */
public final class RowBlockConverter implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Kind of a converted column. */
  enum Kind { DOUBLE, FLOAT, LONG, INT, SHORT, BYTE, DECIMAL, STRING, BOOLEAN, DATE }

  private final int idIndex;
  private final String[] names;
  private final int[] indices;
  private final Kind[] kinds;

  private RowBlockConverter(int idIndex, String[] names, int[] indices, Kind[] kinds) {
    this.idIndex = idIndex;
    this.names = names;
    this.indices = indices;
    this.kinds = kinds;
  }

  /**
   * Returns whether a Spark type can be converted.
   *
   * @param type the Spark type
   * @return {@code true} for numeric, string, boolean and date types
   */
  public static boolean supports(DataType type) {
    return kindOf(type) != null;
  }

  private static Kind kindOf(DataType t) {
    if (t instanceof DoubleType) {
      return Kind.DOUBLE;
    } else if (t instanceof FloatType) {
      return Kind.FLOAT;
    } else if (t instanceof LongType) {
      return Kind.LONG;
    } else if (t instanceof IntegerType) {
      return Kind.INT;
    } else if (t instanceof ShortType) {
      return Kind.SHORT;
    } else if (t instanceof ByteType) {
      return Kind.BYTE;
    } else if (t instanceof DecimalType) {
      return Kind.DECIMAL;
    } else if (t instanceof StringType) {
      return Kind.STRING;
    } else if (t instanceof BooleanType) {
      return Kind.BOOLEAN;
    } else if (t instanceof DateType) {
      return Kind.DATE;
    }
    return null;
  }

  /**
   * Creates a converter for a schema.
   *
   * @param schema the rows' schema
   * @param idColumn the id column, present in the schema
   * @param columns the columns to convert, present in the schema with supported types
   * @return the converter
   * @throws DataValidationException when a column is missing or has an unsupported type
   */
  public static RowBlockConverter of(StructType schema, String idColumn, List<String> columns) {
    int id = fieldIndex(schema, idColumn, "the id column");
    String[] n = columns.toArray(new String[0]);
    int[] idx = new int[n.length];
    Kind[] k = new Kind[n.length];
    for (int j = 0; j < n.length; j++) {
      idx[j] = fieldIndex(schema, n[j], "a column the model reads");
      StructField f = schema.fields()[idx[j]];
      k[j] = kindOf(f.dataType());
      if (k[j] == null) {
        throw new DataValidationException("Column '" + n[j] + "' has Spark type "
            + f.dataType().simpleString() + ", which cannot be converted; expected a numeric, string, "
            + "boolean or date column.\nCast it first, for example col(\"" + n[j]
            + "\").cast(\"double\").", null, n[j], -1, null);
      }
    }
    return new RowBlockConverter(id, n, idx, k);
  }

  /**
   * Returns the index of a field, or throws a message listing the schema's fields.
   *
   * @param schema the schema
   * @param name the field name
   * @param role what the field is, for the message
   * @return the field index
   * @throws DataValidationException when the schema has no such field
   */
  public static int fieldIndex(StructType schema, String name, String role) {
    String[] fields = schema.fieldNames();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].equals(name)) {
        return i;
      }
    }
    throw new DataValidationException("Column '" + name + "' (" + role
        + ") is not in the dataset; columns are: " + String.join(", ", fields) + ".",
        null, name, -1, null);
  }

  /**
   * Converts a block of rows.
   *
   * @param rows the rows, in order
   * @return a table with the id column and the converted columns, rows in block order
   * @throws DataValidationException when an id is missing or repeats within the block
   */
  public AccountTable toTable(List<Row> rows) {
    int n = rows.size();
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      ids[i] = r.isNullAt(idIndex) ? null : String.valueOf(r.get(idIndex));
    }
    List<Column> cols = new ArrayList<>(names.length);
    for (int j = 0; j < names.length; j++) {
      cols.add(column(rows, j));
    }
    return AccountTable.of(ids, cols.toArray(new Column[0]));
  }

  private Column column(List<Row> rows, int j) {
    int n = rows.size();
    int c = indices[j];
    String name = names[j];
    switch (kinds[j]) {
      case STRING:
      case BOOLEAN: {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          v[i] = r.isNullAt(c) ? null : kinds[j] == Kind.STRING ? r.getString(c)
              : Boolean.toString(r.getBoolean(c));
        }
        return CategoricalColumn.of(name, v);
      }
      case DATE: {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          if (r.isNullAt(c)) {
            v[i] = DateColumn.MISSING_EPOCH_DAY;
          } else {
            Object o = r.get(c);
            v[i] = o instanceof LocalDate d ? d.toEpochDay()
                : ((java.sql.Date) o).toLocalDate().toEpochDay();
          }
        }
        return DateColumn.ofEpochDays(name, v);
      }
      default: {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          if (!r.isNullAt(c)) {
            v[i] = number(r, c, kinds[j]);
          }
        }
        return NumericColumn.of(name, v);
      }
    }
  }

  /**
   * Reads a non-null numeric value as a double.
   *
   * @param r the row
   * @param c the field index
   * @param kind the numeric kind of the field
   * @return the value
   */
  static double number(Row r, int c, Kind kind) {
    switch (kind) {
      case DOUBLE:
        return r.getDouble(c);
      case FLOAT:
        return r.getFloat(c);
      case LONG:
        return r.getLong(c);
      case INT:
        return r.getInt(c);
      case SHORT:
        return r.getShort(c);
      case BYTE:
        return r.getByte(c);
      case DECIMAL:
        return r.getDecimal(c).doubleValue();
      default:
        throw new IllegalStateException("Not a numeric kind: " + kind);
    }
  }
}
