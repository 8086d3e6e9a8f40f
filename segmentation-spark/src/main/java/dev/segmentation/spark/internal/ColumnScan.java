package dev.segmentation.spark.internal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.segmentation.core.DataValidationException;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;

/**
 * Checks a numeric column of a dataset the way the single-machine fits check a table column: it
 * exists and is numeric, the dataset is not empty, no value is infinite, some value is present.
 *
 * @param rows the number of rows
 * @param present the number of values that are neither {@code null} nor {@code NaN}
 * @param values the column as a single {@code double} column named {@link #VALUE}, {@code null}
 *     mapped to {@code NaN}
 */
public record ColumnScan(long rows, long present, Dataset<Row> values) {

  /** Name of the value column of {@link #values()}. */
  public static final String VALUE = "v";

  /**
   * Scans a column in one aggregation pass.
   *
   * @param data the dataset
   * @param column the numeric column
   * @param idColumn the id column used to name an account with an infinite value, if present
   * @param what the model name for messages, for example {@code "a quantile model"}
   * @param reader the model name for the column messages, for example {@code "Quantile model"}
   * @return the scan
   * @throws DataValidationException when the column is missing or not numeric, the dataset is empty,
   *     a value is infinite or every value is missing
   */
  public static ColumnScan of(
      Dataset<Row> data, String column, String idColumn, String what, String reader) {
    String[] fields = data.schema().fieldNames();
    int index = -1;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].equals(column)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new DataValidationException(reader + " reads column '" + column
          + "', which the dataset does not have; columns are: " + String.join(", ", fields) + ".",
          null, column, -1, null);
    }
    DataType type = data.schema().fields()[index].dataType();
    if (!(type instanceof NumericType || type instanceof DecimalType)) {
      throw new DataValidationException(reader + " reads column '" + column + "', which is "
          + type.simpleString() + "; expected a numeric column.", null, column, -1, null);
    }
    Column raw = data.col(quoted(column)).cast(DataTypes.DoubleType);
    Column v = when(raw.isNull(), lit(Double.NaN)).otherwise(raw);
    Dataset<Row> values = data.select(v.as(VALUE));
    Column missing = isnan(col(VALUE));
    Column infinite = col(VALUE).equalTo(lit(Double.POSITIVE_INFINITY))
        .or(col(VALUE).equalTo(lit(Double.NEGATIVE_INFINITY)));
    Row stats = values.agg(
        count(lit(1)),
        sum(when(missing, 0L).otherwise(1L)),
        sum(when(infinite, 1L).otherwise(0L))).first();
    long rows = stats.getLong(0);
    String target = "Cannot fit " + what + " on column '" + column + "'";
    if (rows == 0) {
      throw new DataValidationException(target + ": the dataset is empty (0 rows).", null, column,
          -1, null);
    }
    long present = stats.getLong(1);
    long inf = stats.getLong(2);
    if (inf > 0) {
      Optional<String> id = Optional.empty();
      double x;
      boolean hasId = false;
      for (String f : fields) {
        hasId |= f.equals(idColumn);
      }
      Column bad = data.col(quoted(column)).cast(DataTypes.DoubleType);
      Dataset<Row> sample = hasId
          ? data.select(data.col(quoted(idColumn)), bad.as(VALUE))
          : data.select(bad.as(VALUE));
      Row first = sample.where(infinite).first();
      if (hasId) {
        id = Optional.ofNullable(first.isNullAt(0) ? null : String.valueOf(first.get(0)));
        x = first.getDouble(1);
      } else {
        x = first.getDouble(0);
      }
      throw new DataValidationException(target + ": " + inf + " value(s) are infinite, for example "
          + id.map(s -> "account \"" + s + "\" with ").orElse("") + "value " + x
          + "; expected finite numbers.", id.orElse(null), column, -1, null);
    }
    if (present == 0) {
      throw new DataValidationException(target + ": all " + rows + " values are missing.", null,
          column, -1, null);
    }
    return new ColumnScan(rows, present, values);
  }

  /**
   * Quotes a column name for Spark's column resolution, so that dots and spaces are taken literally.
   *
   * @param name the column name
   * @return the name in back quotes, inner back quotes doubled
   */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * Returns the non-missing values.
   *
   * @return the value column without {@code NaN}
   */
  public Dataset<Row> presentValues() {
    return values.where(not(isnan(col(VALUE))));
  }
}
