/**
 * Runnable Spark jobs that show the module end to end; see {@link
 * dev.segmentation.spark.examples.SegmentCsvJob}.
 *
 * @since 0.1
 */
package dev.segmentation.spark.examples;
