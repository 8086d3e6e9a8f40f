/**
 * Segment models on Apache Spark {@code Dataset<Row>}s, with the same answers as on one machine.
 *
 * <ul>
 *   <li>{@link dev.segmentation.spark.SparkSegmenter} applies any fitted model (rule, matrix,
 *       quantile, ABC, k-means) to a dataset and adds segment id, name and unassigned reason
 *       columns.
 *   <li>{@link dev.segmentation.spark.SparkQuantileFit} and {@link dev.segmentation.spark.SparkAbcFit}
 *       fit quantile and ABC models on a distributed column, {@link dev.segmentation.spark.Precision
 *       exactly} (equal to the single-machine fit) or approximately with a stated error bound.
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency (Spark 3.5, Scala 2.13): the cluster brings it. See
 * {@code docs/spark.md} for submitting jobs and for which jar to pass.
 *
 * @since 0.1
 */
package dev.segmentation.spark;
