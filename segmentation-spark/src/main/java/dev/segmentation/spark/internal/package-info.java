/**
 * Implementation details of {@code dev.segmentation.spark}: row-block conversion, model columns and
 * partition-ordered reductions. No compatibility promise; never part of public signatures.
 */
package dev.segmentation.spark.internal;
