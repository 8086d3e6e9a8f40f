package dev.segmentation.spark;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One local[2] Spark session shared by every test class of the module (Spark takes seconds to start),
 * and conversion of core tables into datasets.
 */
final class SparkTestSession {

  private static SparkSession session;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("segmentation-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.datetime.java8API.enabled", "true")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /**
   * Converts a table: id as string, numeric as double ({@code NaN} kept as {@code NaN} in even rows
   * and written as {@code null} in odd rows, both missing), categorical as string, date as date.
   */
  static Dataset<Row> dataset(AccountTable t, int partitions) {
    StructType schema = new StructType().add(t.idColumnName(), DataTypes.StringType, false);
    for (Column c : t.columns()) {
      schema = schema.add(c.name(), switch (c.type()) {
        case NUMERIC -> DataTypes.DoubleType;
        case CATEGORICAL -> DataTypes.StringType;
        case DATE -> DataTypes.DateType;
      }, true);
    }
    List<Row> rows = new ArrayList<>(t.rowCount());
    for (int i = 0; i < t.rowCount(); i++) {
      Object[] v = new Object[t.columnCount() + 1];
      v[0] = t.id(i);
      int j = 1;
      for (Column c : t.columns()) {
        Object x;
        if (c instanceof NumericColumn n) {
          double d = n.get(i);
          x = Double.isNaN(d) && i % 2 == 1 ? null : d;
        } else if (c instanceof CategoricalColumn k) {
          x = k.value(i).orElse(null);
        } else {
          x = ((DateColumn) c).value(i).orElse(null);
        }
        v[j++] = x;
      }
      rows.add(RowFactory.create(v));
    }
    return get().createDataFrame(rows, schema).repartition(partitions);
  }

}
