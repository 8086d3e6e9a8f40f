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
 *   <li>{@link dev.segmentation.spark.SparkKMeans} fits a k-means model: initialisation on a sample
 *       or by k-means||, then Lloyd iterations over every row, each one pass of per-partition partial
 *       sums computed by core's kernel (equal to core's Lloyd from the same start).
 *   <li>{@link dev.segmentation.spark.SparkAllocation} solves a coverage allocation problem whose
 *       accounts are a dataset: every dual iteration is one pass over the accounts; the plan equals
 *       the single-machine plan.
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency (Spark 3.5, Scala 2.13): the cluster brings it. See
 * {@code docs/spark.md} for submitting jobs and for which jar to pass.
 *
 * @since 0.1
 */
package dev.segmentation.spark;
