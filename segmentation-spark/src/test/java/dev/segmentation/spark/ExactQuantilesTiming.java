package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.randn;

import dev.segmentation.core.model.QuantileModel;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Timing helper (not a test, no assertions): exact and approximate deciles of a few million values in
 * local mode. Run with the module's test class path and the {@code spark.javaArgs} JVM flags:
 * {@code java ... dev.segmentation.spark.ExactQuantilesTiming [values] [partitions] [runs]}.
 */
final class ExactQuantilesTiming {

  private ExactQuantilesTiming() {}

  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 4_000_000L;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.range(0, n, 1, partitions)
        .select(col("id").cast("string").as("id"), randn(7L).multiply(1000).as("v"))
        .cache();
    data.count();
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      QuantileModel exact = SparkQuantileFit.builder().column("v").deciles().build().fit(data);
      long t1 = System.nanoTime();
      QuantileModel approx = SparkQuantileFit.builder().column("v").deciles()
          .precision(Precision.approximate(0.001)).build().fit(data);
      long t2 = System.nanoTime();
      System.out.println(String.format(Locale.ROOT,
          "run %d: n=%d partitions=%d exact deciles %d ms, approximate(0.001) %d ms; D5 edge %s / %s",
          r, n, partitions, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, exact.edges()[4],
          approx.edges()[4]));
    }
    spark.stop();
  }
}
