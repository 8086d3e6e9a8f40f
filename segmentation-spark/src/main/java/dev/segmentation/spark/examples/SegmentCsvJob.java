package dev.segmentation.spark.examples;

import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.spark.Precision;
import dev.segmentation.spark.SparkQuantileFit;
import dev.segmentation.spark.SparkSegmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark job that reads a CSV of accounts, segments it and writes the assignments as Parquet.
 *
 * <pre>{@code
 * spark-submit --class dev.segmentation.spark.examples.SegmentCsvJob \
 *     --jars segmentation-core-0.1.0.jar,... segmentation-spark-0.1.0.jar \
 *     accounts.csv out/ --deciles revenue          # or: --model model.json
 * }</pre>
 *
 * <p>Arguments: {@code INPUT.csv OUTPUT_DIR} followed by either {@code --deciles COLUMN} (fit exact
 * deciles of a numeric column on the cluster, with {@link SparkQuantileFit}) or {@code --model
 * FILE.json} (a model saved with {@code ModelJson}, read on the driver), and optionally {@code --id
 * COLUMN} (default {@code id}) and {@code --approximate RELATIVE_ERROR} (approximate deciles). The CSV
 * needs a header row; column types are inferred by Spark. The Parquet output holds every input column
 * plus {@code segment_id}, {@code segment_name} and {@code unassigned_reason}; an existing output
 * directory is replaced. The job prints the model and the number of accounts per segment.
 *
 * @since 0.1
 */
public final class SegmentCsvJob {

  private SegmentCsvJob() {}

  /**
   * Runs the job in the session {@code spark-submit} configures and stops it at the end.
   *
   * @param args {@code INPUT.csv OUTPUT_DIR (--deciles COLUMN | --model FILE.json) [--id COLUMN]
   *     [--approximate RELATIVE_ERROR]}
   * @throws IllegalArgumentException when the arguments are invalid
   */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("segmentation SegmentCsvJob").getOrCreate();
    try {
      run(spark, args);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the job in a given session (which stays open).
   *
   * @param spark the session
   * @param args as {@link #main(String[])}
   * @return the model used
   * @throws IllegalArgumentException when the arguments are invalid
   * @throws UncheckedIOException when the model file cannot be read
   */
  public static SegmentModel run(SparkSession spark, String... args) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(args, "args");
    List<String> rest = new ArrayList<>(List.of(args));
    String deciles = option(rest, "--deciles");
    String modelFile = option(rest, "--model");
    String id = option(rest, "--id");
    String approximate = option(rest, "--approximate");
    if (rest.size() != 2 || (deciles == null) == (modelFile == null)) {
      throw new IllegalArgumentException("Usage: SegmentCsvJob INPUT.csv OUTPUT_DIR "
          + "(--deciles COLUMN | --model FILE.json) [--id COLUMN] [--approximate RELATIVE_ERROR]; "
          + "was " + List.of(args) + ".");
    }
    String idColumn = id == null ? "id" : id;
    Dataset<Row> accounts = spark.read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(rest.get(0))
        .cache();
    SegmentModel model;
    if (modelFile != null) {
      try {
        model = ModelJson.readModel(Files.readString(Path.of(modelFile)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read model file " + modelFile + ".", e);
      }
    } else {
      Precision precision = approximate == null ? Precision.exact()
          : Precision.approximate(Double.parseDouble(approximate));
      model = SparkQuantileFit.builder().column(deciles).deciles().precision(precision)
          .idColumn(idColumn).build().fit(accounts);
    }
    Dataset<Row> scored = SparkSegmenter.builder(model).idColumn(idColumn).build().assign(accounts);
    scored.write().mode(SaveMode.Overwrite).parquet(rest.get(1));
    System.out.println(model);
    spark.read().parquet(rest.get(1))
        .groupBy(SparkSegmenter.DEFAULT_SEGMENT_ID_COLUMN, SparkSegmenter.DEFAULT_REASON_COLUMN)
        .count()
        .orderBy(SparkSegmenter.DEFAULT_SEGMENT_ID_COLUMN, SparkSegmenter.DEFAULT_REASON_COLUMN)
        .show(100, false);
    accounts.unpersist();
    return model;
  }

  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return null;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException("Option " + name + " needs a value.");
    }
    String v = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return v;
  }
}
